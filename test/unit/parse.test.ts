import { describe, expect, it } from "vitest";
import { FeedError } from "../../src/ingest/errors.js";
import { parseFeed } from "../../src/ingest/parse.js";

const now = new Date("2025-11-05T12:00:00Z");

describe("parsing RSS", () => {
  it("normalises an RSS 2.0 item: text fields, permalink guid as link, categories, enclosures", async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
        <title>Chips &amp; Clouds</title><link>https://chips.example/</link>
        <item><title><![CDATA[AMD &amp; OpenAI sign <b>6 GW</b> deal]]></title>
          <guid>https://chips.example/amd-openai</guid>
          <description>&lt;p&gt;AMD will supply&amp;nbsp;Instinct GPUs.&lt;/p&gt;</description>
          <content:encoded><![CDATA[<p>Full <i>story</i> here.</p>]]></content:encoded>
          <dc:creator>Jane Roe</dc:creator><category>Chips</category><category>Deals</category>
          <enclosure url="/img/amd.jpg" type="image/jpeg" length="1234"/>
          <pubDate>Mon, 06 Oct 2025 13:00:00 GMT</pubDate></item>
      </channel></rss>`,
      { url: "https://chips.example/feed", now },
    );
    expect(feed.title).toBe("Chips & Clouds");
    expect(feed.link).toBe("https://chips.example/");
    expect(feed.items).toEqual([
      {
        id: "https://chips.example/amd-openai",
        url: "https://chips.example/amd-openai",
        title: "AMD & OpenAI sign 6 GW deal",
        summary: "AMD will supply Instinct GPUs.",
        content: "Full story here.",
        author: "Jane Roe",
        categories: ["Chips", "Deals"],
        enclosures: [{ url: "https://chips.example/img/amd.jpg", type: "image/jpeg", length: 1234 }],
        publishedAt: "2025-10-06T13:00:00.000Z",
      },
    ]);
  });

  it("does not take a guid marked isPermaLink=false as the link", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>t</title><item><title>x</title><guid isPermaLink="false">https://a.example/1</guid></item></channel></rss>`,
      { now },
    );
    expect(feed.items[0]?.id).toBe("https://a.example/1");
    expect(feed.items[0]?.url).toBeUndefined();
  });

  it("reads RSS 1.0 (RDF) with Dublin Core dates", async () => {
    const feed = await parseFeed(
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://r.example/"><title>RDF</title><link>https://r.example/</link></channel>
        <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link><dc:date>2025-01-02T03:04:05Z</dc:date></item>
      </rdf:RDF>`,
      { now },
    );
    expect(feed.items[0]).toMatchObject({
      title: "One",
      url: "https://r.example/1",
      publishedAt: "2025-01-02T03:04:05.000Z",
    });
  });

  it("accepts HTML entities and bare ampersands that strict XML rejects", async () => {
    const feed = await parseFeed(
      `<rss version="2.0"><channel><title>AT&T &eacute;t&eacute; &copy;</title><item><title>Caf&eacute; &bogus; &#8212; ok</title><link>https://a.example/?a=1&b=2</link></item></channel></rss>`,
      { now },
    );
    expect(feed.title).toBe("AT&T été ©");
    expect(feed.items[0]?.title).toBe("Café &bogus; — ok");
    expect(feed.items[0]?.url).toBe("https://a.example/?a=1&b=2");
  });
});

describe("parsing Atom", () => {
  it("turns xhtml titles into strings and resolves links against xml:base", async () => {
    const feed = await parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://b.example/blog/">
        <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Cloud <b>news</b></div></title>
        <link rel="self" href="feed.xml"/><link rel="alternate" type="text/html" href="./"/>
        <entry xml:base="posts/"><id>tag:b.example,2025:1</id>
          <title type="html">Oracle &amp;lt;3 OpenAI</title>
          <link rel="alternate" href="oracle-openai"/><link rel="enclosure" href="/a.mp3" type="audio/mpeg" length="10"/>
          <published>not a date</published><updated>2025-09-10T08:00:00-04:00</updated>
          <author><name>Ann Lee</name><email>ann@b.example</email></author>
          <category term="compute"/>
          <summary type="text">Plain &lt;text&gt; stays</summary>
          <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body</p></div></content>
        </entry></feed>`,
      { url: "https://b.example/feed.xml", now },
    );
    expect(feed.title).toBe("Cloud news");
    expect(feed.link).toBe("https://b.example/blog/");
    expect(feed.items[0]).toEqual({
      id: "tag:b.example,2025:1",
      url: "https://b.example/blog/posts/oracle-openai",
      title: "Oracle <3 OpenAI",
      summary: "Plain <text> stays",
      content: "Body",
      author: "Ann Lee",
      categories: ["compute"],
      enclosures: [{ url: "https://b.example/a.mp3", type: "audio/mpeg", length: 10 }],
      publishedAt: "2025-09-10T12:00:00.000Z",
      updatedAt: "2025-09-10T12:00:00.000Z",
    });
  });

  it("reads Atom 0.3 and a prefixed Atom namespace", async () => {
    const feed = await parseFeed(
      `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title><a:entry><a:id>x1</a:id><a:title>Entry</a:title><a:link href="https://p.example/1"/></a:entry></a:feed>`,
      { now },
    );
    expect(feed.title).toBe("Prefixed");
    expect(feed.items[0]).toMatchObject({ id: "x1", title: "Entry", url: "https://p.example/1" });
    const old = await parseFeed(
      `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title><entry><id>o1</id><title>Old entry</title><issued>2004-01-01T00:00:00Z</issued><link rel="alternate" type="text/html" href="https://o.example/1"/></entry></feed>`,
      { now },
    );
    expect(old.items[0]).toMatchObject({ id: "o1", title: "Old entry", url: "https://o.example/1" });
  });
});

describe("refusing what is not a feed", () => {
  const reason = async (text: string) => {
    try {
      await parseFeed(text, { url: "https://x.example/page", now });
      return "parsed";
    } catch (error) {
      return error instanceof FeedError ? error.reason : `crash: ${String(error)}`;
    }
  };
  it("names HTML pages and points at their feed", async () => {
    expect(
      await reason(
        `<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="/feed.atom"></head></html>`,
      ),
    ).toBe(
      "the URL returned an HTML page, not a feed; the page links to its feed at https://x.example/feed.atom",
    );
  });
  it("names empty, non-XML, broken and foreign XML", async () => {
    expect(await reason("   ")).toBe("the response was empty");
    expect(await reason('{"json": true}')).toMatch(/not XML/);
    expect(await reason("<rss><channel><title>x</channel>")).toMatch(/not well-formed XML/);
    expect(await reason("<svg xmlns='http://www.w3.org/2000/svg'></svg>")).toBe(
      "the document is XML but not an RSS or Atom feed",
    );
  });
  it("refuses entity expansion attacks and external entities", async () => {
    expect(
      await reason(
        `<!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>`,
      ),
    ).toMatch(/billion-laughs/);
    expect(
      await reason(
        `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>`,
      ),
    ).toMatch(/external or parameter XML entities/);
  });
  it("substitutes simple declared entities", async () => {
    const feed = await parseFeed(
      `<!DOCTYPE rss [<!ENTITY co "Infra &amp; Co">]><rss version="2.0"><channel><title>t</title><item><title>&co;</title></item></channel></rss>`.replace(
        "&amp;",
        "and",
      ),
      { now },
    );
    expect(feed.items[0]?.title).toBe("Infra and Co");
  });
});
