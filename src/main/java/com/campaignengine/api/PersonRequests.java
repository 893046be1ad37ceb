package com.campaignengine.api;

import com.campaignengine.campaign.Company;
import com.campaignengine.campaign.PersonDraft;

/** {@code POST /api/v1/people} bodies to drafts (the person service checks the values). */
final class PersonRequests {
  private PersonRequests() {}

  static PersonDraft draft(JsonInput body) {
    JsonInput company = body.optionalObject("company");
    return new PersonDraft(
        body.optionalText("email_address"),
        body.optionalText("first_name"),
        body.optionalText("last_name"),
        body.optionalText("title"),
        body.optionalText("timezone"),
        company == null
            ? null
            : new Company(null, company.optionalText("name"), company.optionalText("domain")),
        body.scalarMap("custom"));
  }
}
