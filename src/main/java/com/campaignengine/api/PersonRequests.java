package com.campaignengine.api;

import com.campaignengine.campaign.Company;
import com.campaignengine.campaign.PersonDraft;

/** {@code POST /api/v1/people} bodies to drafts (the person service checks the values). */
final class PersonRequests {
  private PersonRequests() {}

  static PersonDraft draft(JsonInput body) {
    String email = body.optionalText("email_address");
    String firstName = body.optionalText("first_name");
    String lastName = body.optionalText("last_name");
    String title = body.optionalText("title");
    String timezone = body.optionalText("timezone");
    JsonInput company = body.optionalObject("company");
    return new PersonDraft(
        email,
        firstName,
        lastName,
        title,
        timezone,
        company == null
            ? null
            : new Company(null, company.optionalText("name"), company.optionalText("domain")),
        body.scalarMap("custom"));
  }
}
