package com.campaignengine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateEngineTest {

  private final TemplateEngine engine = new TemplateEngine();

  private static TemplateVariables vars(String firstName, String title) {
    return TemplateVariables.of(
        new PersonFields(firstName, "Müller", title, "zoe@example.com"),
        new CompanyFields("Acme & Söhne", "acme.example"),
        Map.of("skill", "Kotlin"),
        new SenderFields("Sam Sender", "sam@sender.example"),
        "Autumn launch",
        "https://u.example/unsub?a=1&b=2");
  }

  private TemplateException checkFails(String source) {
    return catchThrowableOfType(TemplateException.class, () -> engine.check(source));
  }

  @Test
  void renders_every_known_variable() {
    String source =
        "{{first_name}} {{last_name}} {{title}} {{email_address}} {{company.name}}"
            + " {{company.domain}} {{custom.skill}} {{sender.name}} {{sender.email}}"
            + " {{campaign.name}} {{unsubscribe_url}}";
    assertThatCode(() -> engine.check(source)).doesNotThrowAnyException();
    assertThat(engine.renderText(source, vars("Zoë", "CTO")))
        .isEqualTo(
            "Zoë Müller CTO zoe@example.com Acme & Söhne acme.example Kotlin Sam Sender"
                + " sam@sender.example Autumn launch https://u.example/unsub?a=1&b=2");
  }

  @Test
  void renders_custom_field() {
    assertThat(engine.renderText("Your {{custom.skill}} skills", vars("Zoë", null)))
        .isEqualTo("Your Kotlin skills");
  }

  @Test
  void renders_unicode_in_template_and_values() {
    assertThat(engine.renderText("Grüße, {{first_name}} 👋 — 東京", vars("Zoë", null)))
        .isEqualTo("Grüße, Zoë 👋 — 東京");
  }

  @Test
  void missing_values_render_empty_not_null() {
    TemplateVariables sparse =
        TemplateVariables.of(
            new PersonFields(null, null, null, null),
            null,
            null,
            new SenderFields(null, null),
            null,
            null);
    assertThat(
            engine.renderText(
                "[{{first_name}}|{{company.name}}|{{custom.skill}}|{{campaign.name}}|{{unsubscribe_url}}]",
                sparse))
        .isEqualTo("[||||]");
  }

  @Test
  void if_unless_and_else() {
    String source =
        "{{#if title}}Dear {{title}}{{else}}Hi{{/if}}{{#unless company.domain}}!{{/unless}}";
    assertThat(engine.renderText(source, vars("Zoë", "Dr."))).isEqualTo("Dear Dr.");
    assertThat(engine.renderText(source, vars("Zoë", null))).isEqualTo("Hi");
    assertThat(
            engine.renderText(
                "{{#if title}}a{{else if first_name}}b{{else}}c{{/if}}", vars("Zoë", null)))
        .isEqualTo("b");
  }

  @Test
  void default_helper_uses_fallback_for_null_or_blank() {
    String source = "Hi {{default first_name \"there\"}}";
    assertThat(engine.renderText(source, vars("Zoë", null))).isEqualTo("Hi Zoë");
    assertThat(engine.renderText(source, vars(null, null))).isEqualTo("Hi there");
    assertThat(engine.renderText(source, vars("  ", null))).isEqualTo("Hi there");
    assertThat(engine.renderText("{{default title sender.name}}", vars("Zoë", null)))
        .isEqualTo("Sam Sender");
    assertThat(
            engine.renderText("{{#if (default title \"\")}}t{{else}}n{{/if}}", vars("Zoë", null)))
        .isEqualTo("n");
  }

  @Test
  void text_mode_does_not_escape_but_html_mode_does() {
    TemplateVariables v = vars("<b>Zoë</b> & \"co\"", null);
    String source = "<p>Hi {{first_name}}, {{default title \"<none>\"}}</p>";
    assertThat(engine.renderText(source, v)).isEqualTo("<p>Hi <b>Zoë</b> & \"co\", <none></p>");
    assertThat(engine.renderHtml(source, v))
        .isEqualTo("<p>Hi &lt;b&gt;Zoë&lt;/b&gt; &amp; &quot;co&quot;, &lt;none&gt;</p>");
  }

  @Test
  void unknown_variable_is_reported_with_position() {
    TemplateException e = checkFails("Hi {{frist_name}}");
    assertThat(e.problem()).isEqualTo("unknown variable 'frist_name'");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(6);
    assertThat(e.getMessage()).isEqualTo("line 1, column 6: unknown variable 'frist_name'");
  }

  @Test
  void unknown_variable_inside_helper_and_block_parameters() {
    assertThat(checkFails("{{default frist_name \"x\"}}").problem())
        .isEqualTo("unknown variable 'frist_name'");
    assertThat(checkFails("{{#if titel}}x{{/if}}").problem()).isEqualTo("unknown variable 'titel'");
    assertThat(checkFails("{{#if (default compny.name \"\")}}x{{/if}}").problem())
        .isEqualTo("unknown variable 'compny.name'");
    assertThat(checkFails("{{default title sender.nam}}").problem())
        .isEqualTo("unknown variable 'sender.nam'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{company}}",
        "{{custom}}",
        "{{custom.a-b}}",
        "{{this}}",
        "{{this.first_name}}",
        "{{../first_name}}",
        "{{@index}}",
        "{{sender}}",
        "{{first_name.length}}"
      })
  void only_the_documented_names_are_accepted(String source) {
    assertThat(checkFails(source).problem()).startsWith("unknown variable");
  }

  @Test
  void error_on_later_line_reports_that_line() {
    TemplateException e = checkFails("Hi {{first_name}},\n\nthanks from {{compnay.name}}.");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(15);
    assertThat(e.problem()).isEqualTo("unknown variable 'compnay.name'");
  }

  @Test
  void unclosed_tag_is_a_syntax_error_with_position() {
    TemplateException e = checkFails("Hi {{first_name");
    assertThat(e.problem()).isEqualTo("unclosed tag '{{first_name': missing '}}'");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(4);
  }

  @Test
  void unclosed_block_is_a_syntax_error_with_position() {
    TemplateException e = checkFails("a\nb\n  {{#if title}}x");
    assertThat(e.problem()).isEqualTo("unclosed block '{{#if title}}': missing '{{/if}}'");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(3);
  }

  @Test
  void other_syntax_errors_carry_position() {
    TemplateException mismatched = checkFails("x\n{{#if title}}{{/unless}}");
    assertThat(mismatched.problem()).contains("{{/unless}}").contains("{{/if}}");
    assertThat(mismatched.line()).isEqualTo(2);
    assertThat(mismatched.column()).isEqualTo(14);
    TemplateException close = checkFails("{{#if title}}x{{/if}}{{/if}}");
    assertThat(close.problem()).isEqualTo("'{{/if}}' closes no open block");
    assertThat(close.column()).isEqualTo(22);
    assertThat(checkFails("{{else}}").problem()).contains("outside of an {{#if}}");
    TemplateException stray = checkFails("a\nb\nc {{first_name}\n");
    assertThat(stray.line()).isEqualTo(3);
    assertThat(stray.problem()).contains("'}'");
  }

  @Test
  void helper_misuse_is_rejected() {
    assertThat(checkFails("{{default first_name}}").problem())
        .contains("'default' needs a value and a fallback");
    assertThat(checkFails("{{#if}}x{{/if}}").problem())
        .contains("'if' needs exactly one condition");
    assertThat(checkFails("{{if title}}").problem()).contains("must open a block");
    assertThat(checkFails("{{first_name \"x\"}}").problem())
        .isEqualTo("'first_name' is a variable and takes no arguments");
    assertThat(checkFails("{{#first_name}}x{{/first_name}}").problem())
        .contains("use {{#if first_name}}");
    assertThat(checkFails("{{#each custom}}x{{/each}}").problem())
        .startsWith("unsupported helper 'each'");
    assertThat(checkFails("{{> footer}}").problem()).isEqualTo("partials are not supported");
    assertThat(checkFails("{{{first_name}}}").problem())
        .startsWith("unescaped output is not allowed");
  }

  @Test
  void comments_and_escaped_mustaches_are_ignored() {
    String source = "{{!-- {{nope}} --}}{{! short }}\\{{literal}} {{first_name}}!";
    assertThatCode(() -> engine.check(source)).doesNotThrowAnyException();
    assertThat(engine.renderText(source, vars("Zoë", null))).isEqualTo("{{literal}} Zoë!");
    assertThatCode(() -> engine.check("a {{~first_name~}} b {{~#if title~}} c {{~/if~}}"))
        .doesNotThrowAnyException();
  }

  @Test
  void rendering_an_invalid_template_throws_illegal_argument() {
    assertThatThrownBy(() -> engine.renderText("Hi {{frist_name}}", vars("Zoë", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasCauseInstanceOf(TemplateException.class)
        .hasMessageContaining("unknown variable 'frist_name'");
  }

  @Test
  void rendering_is_thread_safe_and_cached() throws Exception {
    String source = "Hi {{first_name}} from {{company.name}}";
    Thread[] threads = new Thread[8];
    java.util.Set<String> results = java.util.concurrent.ConcurrentHashMap.newKeySet();
    for (int t = 0; t < threads.length; t++) {
      String name = "P" + t;
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 200; i++) {
                  results.add(engine.renderHtml(source, vars(name, null)));
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(results).hasSize(8).allMatch(r -> r.matches("Hi P\\d from Acme &amp; Söhne"));
  }
}
