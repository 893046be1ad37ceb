package com.campaignengine.inbound.classify;

import static com.campaignengine.inbound.classify.Mails.eml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real-world shaped replies; received on Thursday 2026-03-05 unless said otherwise. */
class AutoRepliesTest {

  @Test
  void a_gmail_reply_is_not_automatic() {
    AutoReply r =
        detect(
            eml(
                "Return-Path: <jane.doe@gmail.com>",
                "Delivered-To: recruiter@acme.example",
                "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601;",
                " h=to:subject:message-id:date:from:in-reply-to:references:mime-version;",
                " bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=dGVzdA==",
                "MIME-Version: 1.0",
                "References: <ce.42.1a2b3c4d@mail.acme.example>",
                "In-Reply-To: <ce.42.1a2b3c4d@mail.acme.example>",
                "From: Jane Doe <jane.doe@gmail.com>",
                "Date: Thu, 5 Mar 2026 10:12:45 +0100",
                "Message-ID: <CAGm8qZ1x=abc@mail.gmail.com>",
                "Subject: Re: Senior backend role at Acme",
                "To: Sam Recruiter <recruiter@acme.example>",
                "Content-Type: multipart/alternative; boundary=\"000000000000a1b2c3\"",
                "",
                "--000000000000a1b2c3",
                "Content-Type: text/plain; charset=\"UTF-8\"",
                "",
                "Hi Sam,",
                "",
                "Thanks for reaching out. Could we talk on Monday, March 9?",
                "",
                "Jane",
                "",
                "On Mon, 2 Mar 2026 at 09:00, Sam Recruiter <recruiter@acme.example> wrote:",
                "> Are you out of the office until March 20? Automatic reply expected.",
                "--000000000000a1b2c3",
                "Content-Type: text/html; charset=\"UTF-8\"",
                "",
                "<div dir=\"ltr\">Hi Sam,<br><br>Thanks for reaching out.</div>",
                "--000000000000a1b2c3--"));

    assertThat(r.automatic()).isFalse();
    assertThat(r.outOfOffice()).isFalse();
    assertThat(r.returnDate()).isEmpty();
  }

  @Test
  void a_normal_reply_saying_absent_is_not_automatic_even_from_outlook() {
    AutoReply r =
        detect(
            eml(
                "From: Paul Martin <paul.martin@contoso.example>",
                "Subject: RE: Senior backend role at Acme",
                "X-Auto-Response-Suppress: All",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Hello Sam, I was absent last week, sorry for the delay. Yes, let's talk."));

    assertThat(r.automatic()).isFalse();
    assertThat(r.why()).contains("X-Auto-Response-Suppress");
  }

  @Test
  void outlook_automatic_reply_with_an_english_return_date() {
    AutoReply r =
        detect(
            eml(
                "From: Mark Ellis <mark.ellis@contoso.example>",
                "To: Sam Recruiter <recruiter@acme.example>",
                "Subject: Automatic reply: Senior backend role at Acme",
                "Thread-Topic: Senior backend role at Acme",
                "Date: Thu, 5 Mar 2026 08:00:03 +0000",
                "Message-ID: <DB9PR01MB1234ABCD@DB9PR01MB1234.eurprd01.prod.exchangelabs.com>",
                "In-Reply-To: <ce.42.1a2b3c4d@mail.acme.example>",
                "Auto-Submitted: auto-generated",
                "X-Auto-Response-Suppress: All",
                "Content-Language: en-US",
                "MIME-Version: 1.0",
                "Content-Type: multipart/alternative; boundary=\"_000_DB9PR01MB1234_\"",
                "",
                "--_000_DB9PR01MB1234_",
                "Content-Type: text/plain; charset=\"us-ascii\"",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Thank you for your email. I am out of the office with limited access to em=",
                "ail and will be back on Monday, March 16, 2026.",
                "",
                "For urgent matters please contact jane.smith@contoso.example.",
                "",
                "--_000_DB9PR01MB1234_",
                "Content-Type: text/html; charset=\"us-ascii\"",
                "",
                "<html><body><p>Thank you for your email.</p></body></html>",
                "--_000_DB9PR01MB1234_--"));

    assertThat(r.automatic()).isTrue();
    assertThat(r.outOfOffice()).isTrue();
    assertThat(r.returnDate()).contains(LocalDate.of(2026, 3, 16));
    assertThat(r.why()).contains("Auto-Submitted: auto-generated", "auto-reply subject");
  }

  @Test
  void german_abwesenheitsnotiz_until_is_the_last_day_away() {
    AutoReply r =
        detect(
            eml(
                "From: Klaus Becker <k.becker@beispiel.de>",
                "Subject: Abwesenheitsnotiz: AW: Ihre Bewerbung",
                "Auto-Submitted: auto-replied",
                "Content-Type: text/plain; charset=iso-8859-1",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Sehr geehrte Damen und Herren,",
                "",
                "ich bin bis zum 13. M=E4rz 2026 nicht im B=FCro und habe keinen Zugriff auf m=",
                "eine E-Mails. In dringenden F=E4llen wenden Sie sich bitte an Frau Schulz.",
                "",
                "Mit freundlichen Gr=FC=DFen",
                "Klaus Becker"));

    assertThat(r.automatic()).isTrue();
    assertThat(r.outOfOffice()).isTrue();
    assertThat(r.returnDate()).contains(LocalDate.of(2026, 3, 14));
  }

  @Test
  void french_reponse_automatique_without_year_takes_the_next_occurrence() {
    AutoReply r =
        detect(
            eml(
                "From: =?utf-8?Q?C=C3=A9line_Dubois?= <celine.dubois@exemple.fr>",
                "Subject: =?utf-8?Q?R=C3=A9ponse_automatique=C2=A0:_Votre_candidature?=",
                "X-Auto-Response-Suppress: All",
                "Auto-Submitted: auto-replied",
                "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: 8bit",
                "",
                "Bonjour,",
                "",
                "Je suis absente du bureau et serai de retour le 16 mars.",
                "Cordialement,",
                "Céline"));

    assertThat(r.outOfOffice()).isTrue();
    assertThat(r.returnDate()).contains(LocalDate.of(2026, 3, 16));
  }

  @Test
  void a_date_without_year_rolls_into_next_year() {
    InboundMessage m =
        Mails.parse(
            eml(
                "From: c@exemple.fr",
                "Subject: Absent: Votre candidature",
                "Auto-Submitted: auto-replied",
                "",
                "Je suis en congés, de retour le lundi 5 janvier."),
            Instant.parse("2026-12-20T10:00:00Z"));

    assertThat(AutoReplies.detect(m).returnDate()).contains(LocalDate.of(2027, 1, 5));
  }

  @Test
  void spanish_respuesta_automatica() {
    AutoReply r =
        detect(
            eml(
                "From: Lucia Garcia <lucia.garcia@ejemplo.es>",
                "Subject: =?UTF-8?Q?Respuesta_autom=C3=A1tica:_Oferta_de_empleo?=",
                "X-Autoreply: yes",
                "Content-Type: text/plain; charset=UTF-8",
                "",
                "Hola:",
                "Estoy fuera de la oficina hasta el 9 de marzo de 2026, con acceso limitado al"
                    + " correo.",
                "Un saludo"));

    assertThat(r.automatic()).isTrue();
    assertThat(r.outOfOffice()).isTrue();
    assertThat(r.returnDate()).contains(LocalDate.of(2026, 3, 10));
    assertThat(r.why()).contains("x-autoreply");
  }

  @Test
  void dutch_automatisch_antwoord() {
    AutoReply r =
        detect(
            eml(
                "From: Sanne de Vries <s.devries@voorbeeld.nl>",
                "Subject: Automatisch antwoord: Vacature senior developer",
                "Auto-Submitted: auto-replied",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Beste,",
                "Ik ben met vakantie en ben terug op maandag 16 maart.",
                "Met vriendelijke groet, Sanne"));

    assertThat(r.outOfOffice()).isTrue();
    assertThat(r.returnDate()).contains(LocalDate.of(2026, 3, 16));
  }

  @Test
  void portuguese_resposta_automatica() {
    AutoReply r =
        detect(
            eml(
                "From: Joao Silva <joao.silva@exemplo.pt>",
                "Subject: =?ISO-8859-1?Q?Resposta_autom=E1tica:_Proposta?=",
                "Precedence: auto_reply",
                "Content-Type: text/plain; charset=ISO-8859-1",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "Ol=E1,",
                "Estou fora do escrit=F3rio at=E9 9 de mar=E7o de 2026.",
                "Estarei de volta em 10 de mar=E7o."));

    assertThat(r.outOfOffice()).isTrue();
    assertThat(r.returnDate()).contains(LocalDate.of(2026, 3, 10));
    assertThat(r.why()).contains("Precedence: auto_reply");
  }

  @Test
  void italian_fuori_sede() {
    AutoReply r =
        detect(
            eml(
                "From: m.rossi@esempio.it",
                "Subject: Fuori sede: Offerta di lavoro",
                "Auto-Submitted: auto-replied",
                "",
                "Sono fuori ufficio, rientrerò il 16/03/2026."));

    assertThat(r.outOfOffice()).isTrue();
    assertThat(r.returnDate()).contains(LocalDate.of(2026, 3, 16));
  }

  @Test
  void a_ticket_acknowledgement_is_automatic_but_not_out_of_office() {
    AutoReply r =
        detect(
            eml(
                "From: Acme Support <support@helpdesk.example>",
                "Subject: [Ticket #48213] We received your request: Re: Senior backend role",
                "Auto-Submitted: auto-replied",
                "X-Auto-Response-Suppress: All",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Hello,",
                "",
                "Thank you for contacting us. This is an automated response confirming that we"
                    + " received your request.",
                "A member of our team will get back to you by March 9.",
                "",
                "Your ticket number is 48213."));

    assertThat(r.automatic()).isTrue();
    assertThat(r.outOfOffice()).isFalse();
    assertThat(r.returnDate()).isEmpty();
  }

  @Test
  void a_campaign_subject_about_vacation_does_not_make_replies_automatic() {
    AutoReply r =
        detect(
            eml(
                "From: x@example.com",
                "Subject: Re: Out of office too often? Try our scheduler",
                "",
                "Sounds interesting, tell me more."));

    assertThat(r.automatic()).isFalse();
  }

  @Test
  void each_strong_header_sign_alone() {
    for (Map<String, String> headers :
        List.of(
            Map.of("auto-submitted", "auto-generated"),
            Map.of("x-autorespond", "1"),
            Map.of("x-autoresponse", "true"),
            Map.of("precedence", "bulk"),
            Map.of("precedence", "list"),
            Map.of("precedence", "junk"),
            Map.of("return-path", "<>"),
            Map.of("x-ms-exchange-inbox-rules-loop", "a@contoso.example"))) {
      assertThat(AutoReplies.detect(message(headers, "Re: hi", "Thanks")).automatic())
          .as(headers.toString())
          .isTrue();
    }
    for (Map<String, String> headers :
        List.of(
            Map.of("auto-submitted", "no"),
            Map.of("precedence", "first-class"),
            Map.of("x-auto-response-suppress", "OOF, AutoReply"),
            Map.of("return-path", "<a@b.example>"))) {
      assertThat(AutoReplies.detect(message(headers, "Re: hi", "Thanks")).automatic())
          .as(headers.toString())
          .isFalse();
    }
  }

  @Test
  void suppress_header_plus_an_absence_statement_is_automatic() {
    AutoReply r =
        AutoReplies.detect(
            message(
                Map.of("x-auto-response-suppress", "All"),
                "Re: hi",
                "I am currently out of the office. I will return on 12 March."));

    assertThat(r.automatic()).isTrue();
    assertThat(r.outOfOffice()).isTrue();
    assertThat(r.returnDate()).contains(LocalDate.of(2026, 3, 12));
  }

  @Test
  void subject_labels_in_seven_languages() {
    for (String subject :
        List.of(
            "Out of Office: Senior role",
            "Automatic reply: Senior role",
            "Auto-Reply: Senior role",
            "Autoreply",
            "Away from the office",
            "I'm on vacation",
            "OOO until Monday",
            "[OOO] Re: Senior role",
            "Abwesenheitsnotiz: Senior role",
            "Automatische Antwort: AW: Senior role",
            "Abwesend: Senior role",
            "Nicht im Büro",
            "Absence du bureau : Senior role",
            "Réponse automatique : Senior role",
            "Message d'absence",
            "Absent : Senior role",
            "Fuera de la oficina: Senior role",
            "Respuesta automática: RE: Senior role",
            "Ausente: Senior role",
            "Afwezig: Senior role",
            "Automatisch antwoord: Senior role",
            "Niet op kantoor",
            "Buiten kantoor: Senior role",
            "Fora do escritório: Senior role",
            "Resposta automática: Senior role",
            "Ausente do escritório",
            "Fuori sede: Senior role",
            "Risposta automatica: Senior role")) {
      assertThat(AutoReplies.detect(message(Map.of(), subject, "")).automatic())
          .as(subject)
          .isTrue();
    }
  }

  @Test
  void rejects_null() {
    assertThatThrownBy(() -> AutoReplies.detect(null)).isInstanceOf(IllegalArgumentException.class);
  }

  private static AutoReply detect(String eml) {
    return AutoReplies.detect(Mails.parse(eml));
  }

  static InboundMessage message(Map<String, String> headers, String subject, String body) {
    return new InboundMessage(
        "t", null, null, null, "someone@example.com", subject, Mails.RECEIVED, headers, body, null);
  }
}
