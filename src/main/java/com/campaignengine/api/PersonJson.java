package com.campaignengine.api;

import com.campaignengine.campaign.Company;
import com.campaignengine.campaign.Person;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** A person as JSON. */
final class PersonJson {
  private PersonJson() {}

  static ObjectNode render(Person person) {
    ObjectNode json = Json.object();
    json.put("id", Json.id(person.id()));
    json.put("email_address", person.emailAddress());
    json.put("first_name", person.firstName());
    json.put("last_name", person.lastName());
    json.put("title", person.title());
    json.put("timezone", person.timezone());
    Company company = person.company();
    if (company == null) {
      json.putNull("company");
    } else {
      ObjectNode companyJson = json.putObject("company");
      companyJson.put("id", Json.id(company.id()));
      companyJson.put("name", company.name());
      companyJson.put("domain", company.domain());
    }
    ObjectNode custom = json.putObject("custom");
    for (Map.Entry<String, String> field : new TreeMap<>(person.custom()).entrySet()) {
      custom.put(field.getKey(), field.getValue());
    }
    return json;
  }
}
