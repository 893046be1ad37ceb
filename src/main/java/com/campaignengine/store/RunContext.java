package com.campaignengine.store;

import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.campaign.Mailbox;
import com.campaignengine.campaign.Person;

/** What a step needs to know about its enrollment: its status, the person and the mailbox. */
public record RunContext(
    long enrollmentId, EnrollmentStatus status, Person person, Mailbox mailbox) {}
