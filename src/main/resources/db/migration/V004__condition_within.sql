-- A condition may look only at engagement within N hours of the enrollment's previous email.
ALTER TABLE campaign_sequence_steps
  ADD COLUMN condition_within_hours integer CHECK (condition_within_hours > 0);
