package com.campaignengine.inbound.classify;

import com.campaignengine.campaign.ReplyCategory;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The keyword rules that categorize a reply when no model does (or the model fails): the reply's
 * trimmed body (its subject only when the body is empty, since a subject usually repeats ours) is
 * lower-cased, accents removed, and checked against the phrases below in this order; the first
 * category with a matching phrase wins, and a reply matching none is {@code other}. The order puts
 * the stronger intent first: "please remove me, not interested" is an unsubscribe request, "not
 * interested" is not "interested", and "not the right person, talk to Sam" is a referral.
 * Deterministic: the same text always gets the same category. English, with a few German, French
 * and Spanish basics.
 */
public final class ReplyKeywords {

  private record Rule(ReplyCategory category, Pattern phrases) {}

  private static final List<Rule> RULES =
      List.of(
          rule(
              ReplyCategory.UNSUBSCRIBE_REQUEST,
              "unsubscribe",
              "remove me",
              "take me off",
              "stop (emailing|e-mailing|contacting|sending|writing)",
              "do not (contact|email|e-mail)",
              "don'?t (contact|email|e-mail) me",
              "opt(-| )?out",
              "abmelden",
              "desabonner",
              "desinscri",
              "darme de baja"),
          rule(
              ReplyCategory.AUTO_REPLY,
              "out of (the )?office",
              "automatic reply",
              "auto-?reply",
              "on (vacation|holiday|leave|parental leave)",
              "abwesenheit",
              "absent du bureau"),
          rule(
              ReplyCategory.REFERRAL,
              "(reach out|talk|speak|write|get in touch) (to|with) (my colleague|[a-z]+@)",
              "you should (talk|speak|reach out|contact)",
              "better (person|contact) (would be|is|to)",
              "(cc'?ing|cc-ing|copying|looping in|forwarding (this )?to) ",
              "contact my colleague",
              "(right|best) person (would be|is) "),
          rule(
              ReplyCategory.WRONG_PERSON,
              "wrong person",
              "not the (right|correct) person",
              "no longer (work|with)",
              "(left|have left|has left) the company",
              "(don'?t|do not) (handle|work on|deal with) (this|that|hiring|recruiting)",
              "not responsible for",
              "falsche person"),
          rule(
              ReplyCategory.NOT_NOW,
              "not (right )?now",
              "not at the moment",
              "not a good time",
              "maybe later",
              "(later|next) (this )?(year|quarter|month)",
              "in (a few|a couple of|two|three|six) (weeks|months)",
              "(circle|check) back",
              "(reach out|contact me|try me|ask me) again",
              "busy right now",
              "spater",
              "plus tard",
              "mas tarde"),
          rule(
              ReplyCategory.NOT_INTERESTED,
              "(not|no longer)( \\w+){0,2} interested",
              "no thanks?( you)?",
              "not looking",
              "(happy|staying) where i am",
              "not for me",
              "i'?ll pass",
              "kein interesse",
              "pas interesse",
              "no me interesa",
              "no estoy interesad"),
          rule(
              ReplyCategory.INTERESTED,
              "interested",
              "sounds (good|great|interesting)",
              "let'?s (talk|chat|connect|meet|set up|schedule)",
              "(happy|glad|keen|love|like) to (chat|talk|hear|learn|connect|meet)",
              "tell me more",
              "(set up|book|schedule) a (call|chat|meeting|time)",
              "when (are|would) you (be )?(free|available)",
              "my calendar",
              "interessiert",
              "interesse",
              "me interesa"));

  private ReplyKeywords() {}

  private static Rule rule(ReplyCategory category, String... phrases) {
    return new Rule(category, Pattern.compile("\\b(" + String.join("|", phrases) + ")"));
  }

  /** The category of a reply with this subject and trimmed body. */
  public static ReplyCategory categorize(String subject, String body) {
    String text = body == null || body.isBlank() ? subjectWithoutPrefix(subject) : body;
    String plain = plain(text);
    for (Rule rule : RULES) {
      if (rule.phrases().matcher(plain).find()) {
        return rule.category();
      }
    }
    return ReplyCategory.OTHER;
  }

  private static String subjectWithoutPrefix(String subject) {
    return subject == null ? "" : subject.replaceFirst("(?i)^\\s*((re|aw|sv|fw|fwd):\\s*)+", "");
  }

  /** Lower case, accents removed ("intéressé" reads as "interesse"), typographic quotes plain. */
  private static String plain(String text) {
    String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").replace('\u2019', '\'').replaceAll("\\s+", " ");
  }
}
