package com.campaignengine.engine;

import com.campaignengine.campaign.Person;
import com.campaignengine.template.CompanyFields;
import com.campaignengine.template.PersonFields;
import com.campaignengine.template.SenderFields;
import com.campaignengine.template.TemplateVariables;

/** The template variables of a person: what an email's and a task's templates are rendered with. */
final class PersonVariables {
  private PersonVariables() {}

  static TemplateVariables of(
      Person person, SenderFields sender, String campaignName, String unsubscribeUrl) {
    return TemplateVariables.of(
        new PersonFields(
            person.firstName(), person.lastName(), person.title(), person.emailAddress()),
        person.company() == null
            ? null
            : new CompanyFields(person.company().name(), person.company().domain()),
        person.custom(),
        sender,
        campaignName,
        unsubscribeUrl);
  }
}
