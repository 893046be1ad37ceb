package com.campaignengine.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.campaignengine.tracking.LinkRewriter.Rewritten;
import org.junit.jupiter.api.Test;

class LinkRewriterTest {

  private static String tracked(int index) {
    return "https://t.example/c/tok" + index;
  }

  @Test
  void rewrites_every_http_link_in_order() {
    String html =
        "<p><a href=\"https://a.example/1\">one</a>"
            + "<A class='x' HREF='http://b.example/2?x=1' target=\"_blank\">two</A>"
            + "<a\n  title=\"a > b\"\n  href = \"https://c.example/3\">three</a>"
            + "<a href=https://d.example/4>four</a></p>";

    Rewritten r = LinkRewriter.rewrite(html, LinkRewriterTest::tracked);

    assertThat(r.urls())
        .containsExactly(
            "https://a.example/1",
            "http://b.example/2?x=1",
            "https://c.example/3",
            "https://d.example/4");
    assertThat(r.html())
        .isEqualTo(
            "<p><a href=\"https://t.example/c/tok0\">one</a>"
                + "<A class='x' HREF='https://t.example/c/tok1' target=\"_blank\">two</A>"
                + "<a\n  title=\"a > b\"\n  href = \"https://t.example/c/tok2\">three</a>"
                + "<a href=\"https://t.example/c/tok3\">four</a></p>");
  }

  @Test
  void decodes_entities_in_the_stored_url_and_escapes_the_tracked_one() {
    String html = "<a href=\"https://a.example/?a=1&amp;b=2&#38;c=&#x33;\">x</a>";

    Rewritten r = LinkRewriter.rewrite(html, i -> "https://t.example/c?i=" + i + "&k=v");

    assertThat(r.urls()).containsExactly("https://a.example/?a=1&b=2&c=3");
    assertThat(r.html()).isEqualTo("<a href=\"https://t.example/c?i=0&amp;k=v\">x</a>");
  }

  @Test
  void leaves_non_http_anchors_and_unsubscribe_alone() {
    String html =
        "<a href=\"mailto:x@example.com\">m</a><a href='tel:+123'>t</a><a href=\"#top\">a</a>"
            + "<a href=\"/relative\">r</a><a name=\"n\">n</a><a data-href=\"https://x.example\">d</a>"
            + "<a href=\"https://t.example/u/TOKEN\">unsubscribe</a>"
            + "<abbr href=\"https://x.example\">abbr</abbr><area href=\"https://x.example\">";

    Rewritten r = LinkRewriter.rewrite(html, LinkRewriterTest::tracked);

    assertThat(r.urls()).isEmpty();
    assertThat(r.html()).isEqualTo(html);
  }

  @Test
  void takes_a_custom_predicate_and_gives_duplicates_their_own_index() {
    String html =
        "<a href=\"https://a.example\">1</a><a href=\"https://a.example\">2</a>"
            + "<a href=\"https://keep.example/unsub\">3</a>";

    Rewritten r =
        LinkRewriter.rewrite(html, LinkRewriterTest::tracked, url -> url.contains("unsub"));

    assertThat(r.urls()).containsExactly("https://a.example", "https://a.example");
    assertThat(r.html())
        .contains("tok0", "tok1", "https://keep.example/unsub")
        .doesNotContain("tok2");
  }

  @Test
  void ignores_an_href_inside_another_attributes_value() {
    String html = "<a title=\"href='https://evil.example'\" href=\"https://a.example\">x</a>";

    Rewritten r = LinkRewriter.rewrite(html, LinkRewriterTest::tracked);

    assertThat(r.urls()).containsExactly("https://a.example");
    assertThat(r.html()).contains("title=\"href='https://evil.example'\"");
  }

  @Test
  void adds_the_open_pixel_before_the_body_end() {
    String pixel = "https://t.example/o/tok?a=1&b=2";

    assertThat(LinkRewriter.addOpenPixel("<html><body><p>hi</p></BODY></html>", pixel))
        .isEqualTo(
            "<html><body><p>hi</p><img src=\"https://t.example/o/tok?a=1&amp;b=2\" width=\"1\""
                + " height=\"1\" alt=\"\" style=\"display:none\"></BODY></html>");
    assertThat(LinkRewriter.addOpenPixel("<p>hi</p>", "https://t.example/o/x"))
        .startsWith("<p>hi</p><img src=\"https://t.example/o/x\"");
  }

  @Test
  void escapes_html() {
    assertThat(LinkRewriter.htmlEscape("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  }
}
