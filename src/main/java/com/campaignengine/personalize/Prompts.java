package com.campaignengine.personalize;

import java.util.Map;

/** Builds the system instruction and user content shared by all providers. Stateless. */
final class Prompts {

  private Prompts() {}

  static String system(PersonalizeRequest request) {
    return "You rewrite a draft cold email so it reads as personally written for its recipient.\n"
        + "Rules:\n"
        + "- Reply with the email body only: no subject line, no preamble, no commentary.\n"
        + "- Plain text only: no Markdown, no HTML.\n"
        + "- At most "
        + request.maxWords()
        + " words.\n"
        + "- Keep the meaning of the draft and keep every URL from the draft exactly as written.\n"
        + "- Do not invent facts: use only the draft and the context given.\n"
        + "- No placeholders such as [Name] or {company}: write the final text.\n"
        + "- Do not add links or email addresses that are not in the draft.";
  }

  static String user(PersonalizeRequest request) {
    StringBuilder text = new StringBuilder();
    if (!request.instructions().isBlank()) {
      text.append("Instructions:\n").append(request.instructions().strip()).append("\n\n");
    }
    appendLine(text, "Recipient name", request.recipientName());
    appendLine(text, "Sender name", request.senderName());
    if (!request.context().isEmpty()) {
      text.append("\nContext:\n");
      for (Map.Entry<String, String> field : request.context().entrySet()) {
        text.append("- ").append(field.getKey()).append(": ");
        text.append(field.getValue().strip()).append('\n');
      }
    }
    text.append("\nDraft:\n").append(request.draftText().strip()).append('\n');
    return text.toString();
  }

  private static void appendLine(StringBuilder text, String label, String value) {
    if (value != null && !value.isBlank()) {
      text.append(label).append(": ").append(value.strip()).append('\n');
    }
  }
}
