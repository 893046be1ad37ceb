package com.campaignengine.inbound.classify;

import java.util.regex.Pattern;

/**
 * The wording of auto-replies and out-of-office notices in English, German, French, Spanish, Dutch,
 * Portuguese and Italian, written against {@link Texts#fold folded} text (lower-case, no accents).
 * Subject lines are what Outlook, Exchange, Gmail and common responders put there.
 */
final class AutoReplyPhrases {

  /** Subject phrases that say the person is away; anywhere in the subject. */
  static final Pattern SUBJECT_ABSENCE =
      Pattern.compile(
          "\\b(?:out of (?:the )?office|away from (?:the |my )?office|on vacation|on holiday"
              + "|on leave|abwesenheitsnotiz|abwesenheit|nicht im (?:buro|buero)|ausser haus"
              + "|absence du bureau|message d'absence|hors du bureau|fuera de la oficina"
              + "|niet op kantoor|buiten kantoor|fora do escritorio|ausente do escritorio"
              + "|ausencia temporaria|fuori sede|fuori ufficio)\\b"
              // One-word labels are common words too ("Absent students"), so only as a leading
              // label: "Afwezig: ...", "Absent - ...", or "OOO" / "[OOO]" anywhere in brackets.
              + "|^\\s*(?:\\[[^\\]]{0,40}\\]\\s*)?(?:absent|absente|ausente|afwezig|abwesend|oof"
              + "|away|vacation|urlaub|conges|vacances|vacaciones|vakantie|ferias|ferie)"
              + "\\s*(?:[:|\\-–]|$)"
              + "|^\\s*(?:\\[[^\\]]{0,40}\\]\\s*)?ooo\\b|[\\[(]\\s*ooo\\s*[\\])]");

  /** Subject phrases of automatic replies in general (ticket systems use them too). */
  static final Pattern SUBJECT_AUTOMATIC =
      Pattern.compile(
          "\\b(?:automatic reply|auto[- ]?reply|auto[- ]?response|autoresponder"
              + "|automatische antwort|automatische ruckantwort|abwesenheitsassistent"
              + "|reponse automatique|respuesta automatica|automatisch antwoord"
              + "|resposta automatica|risposta automatica)\\b");

  /** Body wording of absence: "I am out of the office", "ich bin ... nicht im Büro", ... */
  static final Pattern BODY_ABSENCE =
      Pattern.compile(
          "\\b(?:out of (?:the )?office|away from (?:the |my )?(?:office|desk)"
              + "|(?:i am|i'm|i will be|i'll be|currently) (?:away|out|travell?ing)"
              + "|on (?:vacation|holiday|annual leave|parental leave|maternity leave"
              + "|paternity leave|sick leave|leave)|(?:i will|i'll|i shall) (?:be )?(?:back|return)"
              + "|back in the office|limited access to (?:my )?e-?mail"
              + "|nicht im (?:buro|buero)|abwesend|im urlaub|ausser haus|abwesenheit"
              + "|wieder im (?:buro|buero)|wieder erreichbar|nicht erreichbar"
              + "|absente?s?|en conges?|en vacances|hors du bureau|de retour le|je serai de retour"
              + "|fuera de la oficina|de vacaciones|ausente|estare de vuelta|regresare|volvere"
              + "|afwezig|niet op kantoor|buiten kantoor|(?:met|op) vakantie|ik ben (?:weer )?terug"
              + "|weer (?:aanwezig|op kantoor|bereikbaar)|fora do escritorio|de ferias"
              + "|estarei de volta|retornarei|regressarei|fuori (?:sede|ufficio)|in ferie"
              + "|saro di ritorno|rientrero)\\b");

  /**
   * A first-person statement of absence, stricter than {@link #BODY_ABSENCE}: "I am out of the
   * office", "ich bin bis ... nicht im Büro", "je suis absente". Used only as a weak sign.
   */
  static final Pattern BODY_STATEMENT =
      Pattern.compile(
          "\\b(?:(?:i am|i'm|i will be|i'll be) (?:currently |now )?(?:out of (?:the )?office"
              + "|away from (?:the |my )?office|on (?:vacation|holiday|annual leave|leave))"
              + "|ich bin (?:derzeit |zurzeit |momentan |bis [^\\n]{1,40} )?"
              + "(?:nicht im (?:buro|buero)|abwesend|im urlaub|ausser haus)"
              + "|je suis (?:actuellement )?(?:absente?|en conges?|en vacances|hors du bureau)"
              + "|(?:estoy|me encuentro) (?:actualmente )?(?:fuera de la oficina|de vacaciones"
              + "|ausente)"
              + "|ik ben (?:momenteel |tot [^\\n]{1,40} )?(?:afwezig|niet op kantoor|met vakantie"
              + "|op vakantie)"
              + "|(?:estou|encontro-me) (?:atualmente )?(?:fora do escritorio|de ferias|ausente)"
              + "|sono (?:attualmente )?(?:fuori (?:sede|ufficio)|in ferie|assente))\\b");

  private AutoReplyPhrases() {}
}
