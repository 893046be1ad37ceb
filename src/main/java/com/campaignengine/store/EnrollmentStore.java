package com.campaignengine.store;

import com.campaignengine.campaign.CrossCampaignRules;
import com.campaignengine.campaign.EnrollmentStatus;
import com.campaignengine.readmodel.EnrollmentView;
import com.campaignengine.readmodel.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Enrollments and their lifecycle moves; every move is one transaction. */
public interface EnrollmentStore {

  /** A person to enroll, with the mailbox chosen for them and when their first step is due. */
  record NewEnrollment(long personId, long mailboxId, Instant firstRunAt) {}

  /** The workspace's rules across campaigns. */
  CrossCampaignRules rules(long workspaceId);

  /** Sets the workspace's rules across campaigns. */
  void setRules(long workspaceId, CrossCampaignRules rules, Instant now);

  /**
   * Enrolls people not yet in the campaign, each with a first execution (pending if the campaign is
   * active, otherwise held), checking each against the rules (the database's {@code
   * enrollment_skip_reasons}, once for all of them, with the people locked) in the same
   * transaction; returns the person ids not enrolled with why: {@code already_enrolled} or the
   * rule's reason.
   */
  Map<Long, String> enroll(
      long workspaceId,
      long campaignId,
      long firstStepId,
      boolean campaignActive,
      List<NewEnrollment> enrollments,
      Instant now);

  Optional<EnrollmentView> find(long workspaceId, long enrollmentId);

  /** A person's enrollment in a campaign, if any. */
  Optional<EnrollmentView> findFor(long workspaceId, long campaignId, long personId);

  /** How many active or paused enrollments of the campaign each mailbox carries. */
  Map<Long, Long> activeByMailbox(long campaignId);

  Page<EnrollmentView> list(
      long workspaceId, long campaignId, EnrollmentStatus status, long afterId, int limit);

  /**
   * Moves an enrollment to {@code to} (pause, resume, or an ending such as stopped or replied) and
   * adjusts its live execution: held, released, or cancelled. False if the move is not allowed from
   * its current status.
   */
  boolean move(
      long workspaceId, long enrollmentId, EnrollmentStatus to, String reason, Instant now);

  /**
   * Records a reply from the person; stops the enrollment (and, if asked, every active enrollment
   * of the same company in the campaign) in the same transaction. Returns the ids stopped.
   */
  List<Long> recordReply(
      long workspaceId, long enrollmentId, String fromAddress, String subject, Instant now);
}
