-- What to do with a person for whom a variable without a default would render empty:
-- 'send' (with the empty value / the template's defaults) or 'skip' (their sequence stops, reported).
ALTER TABLE campaign_sequences
  ADD COLUMN on_missing_value text NOT NULL DEFAULT 'send' CHECK (on_missing_value IN ('send', 'skip'));
