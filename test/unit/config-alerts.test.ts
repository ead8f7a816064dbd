import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig } from "../../src/config/load.js";
import { secretsOf, type Config, type SinkConfig } from "../../src/config/schema.js";
import { caught, TOKEN_ENV } from "../helpers/config-problems.js";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const OTHER = "9a7806061c88ada191ed06f989cc3dac";
const minimal = `zones:\n  - id: ${ZONE}\n`;
const M = 60_000;
const H = 60 * M;

function problemsOf(text: string, env: NodeJS.ProcessEnv = TOKEN_ENV): string[] {
  return caught(() => load(text, env)).problems;
}

function load(text: string, env: NodeJS.ProcessEnv = TOKEN_ENV): Config {
  return parseConfig(text, "a.yaml", env);
}

/** A config with the given `alerts:` body (indented by the caller, or a flow mapping). */
const withAlerts = (alerts: string) => `${minimal}alerts:${alerts.startsWith("\n") ? "" : " "}${alerts}\n`;
/** A config with these sinks, each a YAML flow mapping. */
const withSinks = (...sinks: string[]) => withAlerts(`\n  sinks:\n${sinks.map((sink) => `    - ${sink}\n`).join("")}`);

describe("alerts defaults", () => {
  it("fills every alert setting and state_dir when alerts is absent", () => {
    const config = load(minimal);
    expect(config.alerts).toEqual({
      repeat_interval_ms: 4 * H,
      send_resolved: true,
      pending_grace_ms: H,
      source_down_after_ms: 30 * M,
      queue_max: 10000,
      external_url: "http://localhost:9798/",
      runbook_base_url: "https://github.com/certwatch/certwatch/blob/main/docs/alerts.md",
      sinks: [],
      silences: [],
    } satisfies Config["alerts"]);
    expect(config.state_dir).toBe("./data");
  });

  it("fills the rest when only some are given", () => {
    const alerts = load(withAlerts("{ repeat_interval: 1h30m, send_resolved: false }")).alerts;
    expect(alerts.repeat_interval_ms).toBe(H + 30 * M);
    expect(alerts.send_resolved).toBe(false);
    expect(alerts.pending_grace_ms).toBe(H);
    expect(alerts.sinks).toEqual([]);
  });

  it("keeps state_dir as written", () => {
    expect(load(`${minimal}state_dir: /var/lib/certwatch\n`).state_dir).toBe("/var/lib/certwatch");
    expect(load(`${minimal}state_dir: ../state\n`).state_dir).toBe("../state");
    expect(problemsOf(`${minimal}state_dir: " "\n`)).toEqual(['a.yaml: state_dir: expected a non-empty directory path, found " "']);
    expect(problemsOf(`${minimal}state_dir: 5\n`)).toEqual(["a.yaml: state_dir: expected a non-empty directory path, found 5"]);
  });
});

describe("alert durations", () => {
  it("reads Prometheus-style durations, alone and combined, into milliseconds", () => {
    const alerts = load(withAlerts("{ repeat_interval: 1d, pending_grace: 0s, source_down_after: 1h30m }")).alerts;
    expect(alerts).toMatchObject({ repeat_interval_ms: 24 * H, pending_grace_ms: 0, source_down_after_ms: H + 30 * M });
  });

  it("takes them from the environment", () => {
    const alerts = load(withAlerts('{ repeat_interval: "${EVERY}" }'), { ...TOKEN_ENV, EVERY: "2h" }).alerts;
    expect(alerts.repeat_interval_ms).toBe(2 * H);
  });

  it("rejects a bare number, whether YAML number or string", () => {
    const expected = "a duration like 30m or 1h30m (units ms, s, m, h, d, w, y)";
    expect(problemsOf(withAlerts('{ repeat_interval: 30, pending_grace: "60" }'))).toEqual([
      `a.yaml: alerts.repeat_interval: expected ${expected}, found 30`,
      `a.yaml: alerts.pending_grace: expected ${expected}, found "60"`,
    ]);
  });

  it.each(["30 m", "1.5h", "30m1h", "5mins", "-1h", "true"])("rejects %j", (text) => {
    expect(problemsOf(withAlerts(`{ source_down_after: "${text}" }`))).toEqual([
      `a.yaml: alerts.source_down_after: expected a duration like 30m or 1h30m (units ms, s, m, h, d, w, y), found "${text}"`,
    ]);
  });

  it("enforces the minimums: repeat_interval and source_down_after at least 1m", () => {
    expect(problemsOf(withAlerts("{ repeat_interval: 59s, source_down_after: 59999ms, pending_grace: 0ms }"))).toEqual([
      'a.yaml: alerts.repeat_interval: expected a duration of at least 1m, found "59s"',
      'a.yaml: alerts.source_down_after: expected a duration of at least 1m, found "59999ms"',
    ]);
    expect(load(withAlerts("{ repeat_interval: 1m, source_down_after: 60s }")).alerts).toMatchObject({
      repeat_interval_ms: M,
      source_down_after_ms: M,
    });
  });
});

describe("other alert settings", () => {
  it("takes send_resolved as a boolean, or exactly true/false from the environment", () => {
    expect(load(withAlerts('{ send_resolved: "${R}" }'), { ...TOKEN_ENV, R: "false" }).alerts.send_resolved).toBe(false);
    expect(problemsOf(withAlerts("{ send_resolved: yes }"))).toEqual(['a.yaml: alerts.send_resolved: expected true or false, found "yes"']);
  });

  it("checks queue_max is an integer from 1 to 1000000", () => {
    expect(load(withAlerts('{ queue_max: "500" }')).alerts.queue_max).toBe(500);
    expect(load(withAlerts("{ queue_max: 1000000 }")).alerts.queue_max).toBe(1000000);
    for (const bad of ["0", "1000001", "2.5"]) {
      expect(problemsOf(withAlerts(`{ queue_max: ${bad} }`))).toEqual([`a.yaml: alerts.queue_max: expected an integer from 1 to 1000000, found ${bad}`]);
    }
  });

  it.each([
    ["0.0.0.0:9798", "http://localhost:9798/"],
    ["[::]:9798", "http://localhost:9798/"],
    ["127.0.0.1:9000", "http://127.0.0.1:9000/"],
    ["[::1]:8080", "http://[::1]:8080/"],
    ["certwatch.internal:80", "http://certwatch.internal:80/"],
  ])("derives external_url from server.listen %s", (listen, url) => {
    expect(load(`${minimal}server: { listen: "${listen}" }\n`).alerts.external_url).toBe(url);
  });

  it("takes external_url as given, ending it with exactly one slash", () => {
    expect(load(withAlerts("{ external_url: http://certwatch.example:9798 }")).alerts.external_url).toBe("http://certwatch.example:9798/");
    expect(load(withAlerts("{ external_url: https://ops.example/certwatch// }")).alerts.external_url).toBe("https://ops.example/certwatch/");
  });

  it("takes runbook_base_url as given, without a trailing slash, and refuses a fragment", () => {
    expect(load(withAlerts("{ runbook_base_url: https://wiki.example/certwatch/ }")).alerts.runbook_base_url).toBe("https://wiki.example/certwatch");
    expect(problemsOf(withAlerts('{ runbook_base_url: "https://wiki.example/#x" }'))).toEqual([
      'a.yaml: alerts.runbook_base_url: expected an http(s) URL without credentials, query or fragment, found "https://wiki.example/#x"',
    ]);
  });

  it("rejects an external_url that is not a plain http(s) URL, masking credentials in it", () => {
    const expected = "expected an http(s) URL without credentials, query or fragment";
    expect(problemsOf(withAlerts('{ external_url: "ftp://x.example/" }'))).toEqual([`a.yaml: alerts.external_url: ${expected}, found "ftp://x.example/"`]);
    expect(problemsOf(withAlerts('{ external_url: "http://x.example/?a=1" }'))).toEqual([`a.yaml: alerts.external_url: ${expected}, found "http://x.example/?a=1"`]);
    expect(problemsOf(withAlerts('{ external_url: "https://ops:hunter22@x.example/" }'))).toEqual([
      `a.yaml: alerts.external_url: ${expected}, found "https://<redacted>@x.example/"`,
    ]);
  });

  it("rejects an alerts section that is not a mapping, and unknown keys with hints", () => {
    expect(problemsOf(withAlerts("[]"))).toEqual(["a.yaml: alerts: expected a mapping of alert settings, found []"]);
    expect(problemsOf(`${minimal}alerts: { repeat: 1h, sink: [] }\nsinks: []\n`)).toEqual([
      "a.yaml: alerts.repeat: expected one of repeat_interval, send_resolved, pending_grace, source_down_after, queue_max, external_url, runbook_base_url, sinks, silences " +
        '(did you mean "repeat_interval"?), found an unknown key',
      "a.yaml: alerts.sink: expected one of repeat_interval, send_resolved, pending_grace, source_down_after, queue_max, external_url, runbook_base_url, sinks, silences " +
        '(did you mean "sinks"?), found an unknown key',
      'a.yaml: sinks: expected one of cloudflare, zones, accounts, discover, schedule, thresholds, server, log, alerts, state_dir, max_staleness, labels ("sinks" belongs under alerts), found an unknown key',
    ]);
  });
});

describe("sinks of each type", () => {
  it("reads a webhook sink with secret and headers", () => {
    const sinks = load(
      withSinks('{ name: oncall, type: webhook, url: "https://hooks.example/certwatch", secret: s3cret-value, headers: { X-Team: ops }, min_severity: critical }'),
    ).alerts.sinks;
    expect(sinks).toEqual([
      {
        name: "oncall",
        type: "webhook",
        url: "https://hooks.example/certwatch",
        secret: "s3cret-value",
        headers: { "X-Team": "ops" },
        min_severity: "critical",
      },
    ] satisfies SinkConfig[]);
  });

  it("defaults a webhook's secret to null, headers to {} and min_severity to warning; keeps its URL as written", () => {
    expect(load(withSinks('{ name: w, type: webhook, url: "http://10.0.0.5:8080/hook?channel=certs" }')).alerts.sinks).toEqual([
      { name: "w", type: "webhook", url: "http://10.0.0.5:8080/hook?channel=certs", secret: null, headers: {}, min_severity: "warning" },
    ] satisfies SinkConfig[]);
  });

  it("reads a slack sink", () => {
    expect(load(withSinks('{ name: chat, type: slack, url: "https://hooks.slack.com/services/T0/B0/abc" }')).alerts.sinks).toEqual([
      { name: "chat", type: "slack", url: "https://hooks.slack.com/services/T0/B0/abc", min_severity: "warning" },
    ] satisfies SinkConfig[]);
  });

  it("reads a pagerduty sink, with the Events API v2 URL by default", () => {
    const sinks = load(
      withSinks("{ name: pager, type: pagerduty, routing_key: R0UT1NG, min_severity: critical }", '{ name: pd-eu, type: pagerduty, routing_key: " K2 ", url: "https://events.eu.pagerduty.com/v2/enqueue" }'),
    ).alerts.sinks;
    expect(sinks).toEqual([
      { name: "pager", type: "pagerduty", routing_key: "R0UT1NG", url: "https://events.pagerduty.com/v2/enqueue", min_severity: "critical" },
      { name: "pd-eu", type: "pagerduty", routing_key: "K2", url: "https://events.eu.pagerduty.com/v2/enqueue", min_severity: "warning" },
    ] satisfies SinkConfig[]);
  });

  it("reads an alertmanager sink, without trailing slashes", () => {
    const sinks = load(withSinks('{ name: am, type: alertmanager, url: "http://alertmanager:9093/" }', '{ name: am2, type: alertmanager, url: "https://ops.example/am" }')).alerts.sinks;
    expect(sinks).toEqual([
      { name: "am", type: "alertmanager", url: "http://alertmanager:9093", min_severity: "warning" },
      { name: "am2", type: "alertmanager", url: "https://ops.example/am", min_severity: "warning" },
    ] satisfies SinkConfig[]);
  });

  it("reads the sinks of the issue, with their secrets from the environment", () => {
    const env = {
      ...TOKEN_ENV,
      CERTWATCH_WEBHOOK_SECRET: "whsec-abcdef",
      SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T1/B1/xyz",
      PAGERDUTY_ROUTING_KEY: "pd-routing-key-1",
    };
    const config = load(
      withSinks(
        '{ name: oncall, type: webhook, url: "https://hooks.example/certwatch", secret: "${CERTWATCH_WEBHOOK_SECRET}", min_severity: warning }',
        '{ name: chat, type: slack, url: "${SLACK_WEBHOOK_URL}" }',
        '{ name: pager, type: pagerduty, routing_key: "${PAGERDUTY_ROUTING_KEY}", min_severity: critical }',
        '{ name: am, type: alertmanager, url: "http://alertmanager:9093" }',
      ),
      env,
    );
    expect(config.alerts.sinks.map((sink) => [sink.name, sink.type, sink.min_severity])).toEqual([
      ["oncall", "webhook", "warning"],
      ["chat", "slack", "warning"],
      ["pager", "pagerduty", "critical"],
      ["am", "alertmanager", "warning"],
    ]);
  });
});

describe("sink errors", () => {
  it.each([
    ["webhook", "{ name: w, type: webhook }", "alerts.sinks[0].url: expected an http(s) URL without user:password@, found nothing"],
    ["slack", "{ name: s, type: slack }", "alerts.sinks[0].url: expected a Slack incoming-webhook URL, http(s) without user:password@, found nothing"],
    [
      "pagerduty",
      "{ name: p, type: pagerduty }",
      "alerts.sinks[0].routing_key: expected a non-empty routing key (the integration key of an Events API v2 integration), found nothing",
    ],
    [
      "alertmanager",
      "{ name: a, type: alertmanager }",
      "alerts.sinks[0].url: expected an Alertmanager base URL such as http://alertmanager:9093 (http(s), no credentials, query or fragment), found nothing",
    ],
  ])("requires the %s sink's own key", (_type, sink, problem) => {
    expect(problemsOf(withSinks(sink))).toEqual([`a.yaml: ${problem}`]);
  });

  it("requires a name and a type", () => {
    expect(problemsOf(withSinks('{ type: webhook, url: "https://h.example/" }', "{ name: x }"))).toEqual([
      "a.yaml: alerts.sinks[0].name: expected a sink name of lowercase letters, digits, _ and -, found nothing",
      "a.yaml: alerts.sinks[1].type: expected one of webhook, slack, pagerduty, alertmanager, found nothing",
    ]);
  });

  it("rejects an empty routing key and an empty webhook secret", () => {
    expect(problemsOf(withSinks('{ name: p, type: pagerduty, routing_key: " " }', '{ name: w, type: webhook, url: "https://h.example/", secret: "" }'))).toEqual([
      // The blank routing key is redacted like any other: a key with a stray space is still a key.
      'a.yaml: alerts.sinks[0].routing_key: expected a non-empty routing key (the integration key of an Events API v2 integration), found "<redacted>"',
      'a.yaml: alerts.sinks[1].secret: expected a non-empty signing secret (or no secret key at all), found ""',
    ]);
  });

  it("rejects a key that belongs to another sink type, naming the type that takes it", () => {
    expect(problemsOf(withSinks('{ name: w, type: webhook, url: "https://h.example/", routing_key: abcdef }'))).toEqual([
      'a.yaml: alerts.sinks[0].routing_key: expected one of name, type, url, secret, headers, min_severity ("routing_key" is for type pagerduty, not webhook), found an unknown key',
    ]);
    expect(problemsOf(withSinks('{ name: s, type: slack, url: "https://hooks.slack.com/x", secret: abc, headers: {} }'))).toEqual([
      'a.yaml: alerts.sinks[0].secret: expected one of name, type, url, min_severity ("secret" is for type webhook, not slack), found an unknown key',
      'a.yaml: alerts.sinks[0].headers: expected one of name, type, url, min_severity ("headers" is for type webhook, not slack), found an unknown key',
    ]);
  });

  it("suggests the near miss for a misspelt sink key", () => {
    expect(problemsOf(withSinks('{ name: w, type: webhook, url: "https://h.example/", secert: abc, min_severty: critical }'))).toEqual([
      'a.yaml: alerts.sinks[0].secert: expected one of name, type, url, secret, headers, min_severity (did you mean "secret"?), found an unknown key',
      'a.yaml: alerts.sinks[0].min_severty: expected one of name, type, url, secret, headers, min_severity (did you mean "min_severity"?), found an unknown key',
    ]);
  });

  it("rejects an unknown type, still checking the keys every sink has", () => {
    expect(problemsOf(withSinks('{ name: Mail Ops, type: email, to: ops@example.com, min_severity: info }'))).toEqual([
      'a.yaml: alerts.sinks[0].name: expected a sink name of lowercase letters, digits, _ and -, found "Mail Ops"',
      'a.yaml: alerts.sinks[0].type: expected one of webhook, slack, pagerduty, alertmanager, found "email"',
      'a.yaml: alerts.sinks[0].min_severity: expected one of warning, critical, found "info"',
    ]);
  });

  it("rejects an invalid min_severity", () => {
    expect(problemsOf(withSinks('{ name: w, type: webhook, url: "https://h.example/", min_severity: page }'))).toEqual([
      'a.yaml: alerts.sinks[0].min_severity: expected one of warning, critical, found "page"',
    ]);
  });

  it("rejects a duplicate sink name, pointing at the first", () => {
    const text = withSinks('{ name: ops, type: slack, url: "https://hooks.slack.com/a" }', '{ name: am, type: alertmanager, url: "http://am:9093" }', "{ name: ops, type: pagerduty, routing_key: abc }");
    expect(problemsOf(text)).toEqual(['a.yaml: alerts.sinks[2].name: expected a sink name not already used by alerts.sinks[0], found "ops"']);
  });

  it.each(["On-Call", "on call", "", "pager!"])("rejects sink name %j", (name) => {
    expect(problemsOf(withSinks(`{ name: "${name}", type: alertmanager, url: "http://am:9093" }`))).toEqual([
      `a.yaml: alerts.sinks[0].name: expected a sink name of lowercase letters, digits, _ and -, found "${name}"`,
    ]);
  });

  it("rejects sinks that are not a list of mappings", () => {
    expect(problemsOf(withAlerts("{ sinks: { oncall: { type: slack } } }"))).toEqual([
      'a.yaml: alerts.sinks: expected a list of sinks, each with name and type (webhook, slack, pagerduty, alertmanager), found {"oncall":{"type":"slack"}}',
    ]);
    expect(problemsOf(withSinks("oncall"))).toEqual(['a.yaml: alerts.sinks[0]: expected a mapping with name, type and the settings of that type, found "oncall"']);
  });

  it("rejects URLs that are not http(s), and Alertmanager URLs with the API path", () => {
    expect(
      problemsOf(withSinks('{ name: w, type: webhook, url: "hooks.example/x" }', '{ name: am, type: alertmanager, url: "http://am:9093/api/v2/alerts" }', '{ name: p, type: pagerduty, routing_key: k, url: "mailto:x@example.com" }')),
    ).toEqual([
      'a.yaml: alerts.sinks[0].url: expected an http(s) URL without user:password@, found "hooks.example/x"',
      'a.yaml: alerts.sinks[1].url: expected the Alertmanager base URL without /api/..., e.g. http://alertmanager:9093, found "http://am:9093/api/v2/alerts"',
      'a.yaml: alerts.sinks[2].url: expected an http(s) URL without user:password@, found "mailto:x@example.com"',
    ]);
  });

  it("checks webhook header names and values", () => {
    const text = [
      minimal + "alerts:",
      "  sinks:",
      "    - name: w",
      "      type: webhook",
      "      url: https://h.example/",
      "      headers:",
      '        "X Team": ops',
      "        content-type: text/plain",
      "        X-Certwatch-Signature: forged",
      "        X-Count: 5",
      "        X-Token: abc",
      "        x-token: def",
    ].join("\n");
    expect(problemsOf(text)).toEqual([
      'a.yaml: alerts.sinks[0].headers["X Team"]: expected a header name of letters, digits and !#$%&\'*+-.^_`|~, found "X Team"',
      "a.yaml: alerts.sinks[0].headers.content-type: expected a header certwatch does not set itself " +
        '(not Content-Type, X-Certwatch-Signature, Content-Length, Host, Transfer-Encoding, Connection), found "content-type"',
      "a.yaml: alerts.sinks[0].headers.X-Certwatch-Signature: expected a header certwatch does not set itself " +
        '(not Content-Type, X-Certwatch-Signature, Content-Length, Host, Transfer-Encoding, Connection), found "X-Certwatch-Signature"',
      'a.yaml: alerts.sinks[0].headers.X-Count: expected a header value string without line breaks, found "<redacted>"',
      'a.yaml: alerts.sinks[0].headers.x-token: expected a header not already set as "X-Token" (names are case-insensitive), found "x-token"',
    ]);
    expect(problemsOf(withSinks('{ name: w, type: webhook, url: "https://h.example/", headers: [Authorization] }'))).toEqual([
      'a.yaml: alerts.sinks[0].headers: expected a mapping of header names to values, found "<redacted>"',
    ]);
  });

  it("lists every problem of a file with alert settings at once, in file order", () => {
    const file = "test/fixtures/config/bad/alerts.yaml";
    const error = caught(() => loadConfig(file, { ...TOKEN_ENV, PD_KEY: "pd-routing-key-secret-1" }));
    expect(error.problems).toEqual(
      [
        "zones[0].thresholds.critical_days: expected fewer days than warning_days (5), found 7 (the default)",
        "zones[1].thresholds.warning_dayz: expected one of warning_days, critical_days (did you mean \"warning_days\"?), found an unknown key",
        "alerts.repeat_interval: expected a duration like 30m or 1h30m (units ms, s, m, h, d, w, y), found 4",
        'alerts.source_down_after: expected a duration of at least 1m, found "10s"',
        'alerts.sinks[0].type: expected one of webhook, slack, pagerduty, alertmanager, found "webhooks"',
        'alerts.sinks[1].routing_key: expected one of name, type, url, secret, headers, min_severity ("routing_key" is for type pagerduty, not webhook), found an unknown key',
        // A missing key is placed where its mapping starts, so before the mapping's other keys.
        "alerts.sinks[2].routing_key: expected a non-empty routing key (the integration key of an Events API v2 integration), found nothing",
        'alerts.sinks[2].name: expected a sink name not already used by alerts.sinks[1], found "oncall"',
        'alerts.sinks[3].min_severity: expected one of warning, critical, found "page"',
        'state_dir: expected a non-empty directory path, found ""',
      ].map((line) => `${file}: ${line}`),
    );
    expect(error.message).not.toContain("pd-routing-key-secret-1");
  });
});

describe("per-zone thresholds", () => {
  const zones = (first: string, second = "") =>
    `zones:\n  - id: ${ZONE}\n${first ? `    thresholds: ${first}\n` : ""}  - id: ${OTHER}\n${second ? `    thresholds: ${second}\n` : ""}`;

  it("merges each key with the global thresholds", () => {
    const config = load(`${zones("{ warning_days: 14, critical_days: 3 }", "{ warning_days: 60 }")}  - id: 0000000000000000000000000000000a\n    thresholds: { critical_days: 10 }\n  - id: 0000000000000000000000000000000b\n`);
    expect(config.zones.map((zone) => zone.thresholds)).toEqual([
      { warning_days: 14, critical_days: 3 },
      { warning_days: 60, critical_days: 7 },
      { warning_days: 30, critical_days: 10 },
      { warning_days: 30, critical_days: 7 },
    ]);
    expect(config.thresholds).toEqual({ warning_days: 30, critical_days: 7 });
  });

  it("merges with global thresholds set in the file, not only the defaults", () => {
    const config = load(`${zones("{ critical_days: 20 }")}thresholds: { warning_days: 45, critical_days: 14 }\n`);
    expect(config.zones.map((zone) => zone.thresholds)).toEqual([
      { warning_days: 45, critical_days: 20 },
      { warning_days: 45, critical_days: 14 },
    ]);
  });

  it("requires critical_days below warning_days after merging, saying where each came from", () => {
    expect(problemsOf(zones("", "{ warning_days: 5 }"))).toEqual([
      "a.yaml: zones[1].thresholds.critical_days: expected fewer days than warning_days (5), found 7 (the default)",
    ]);
    expect(problemsOf(`${zones("", "{ warning_days: 12 }")}thresholds: { critical_days: 12 }\n`)).toEqual([
      "a.yaml: zones[1].thresholds.critical_days: expected fewer days than warning_days (12), found 12 (from thresholds.critical_days)",
    ]);
    expect(problemsOf(zones("{ critical_days: 30 }"))).toEqual([
      "a.yaml: zones[0].thresholds.critical_days: expected fewer days than warning_days (30, the default), found 30",
    ]);
    expect(problemsOf(`${zones("{ critical_days: 50 }")}thresholds: { warning_days: 40 }\n`)).toEqual([
      "a.yaml: zones[0].thresholds.critical_days: expected fewer days than warning_days (40, from thresholds.warning_days), found 50",
    ]);
    expect(problemsOf(zones("{ warning_days: 3, critical_days: 3 }"))).toEqual([
      "a.yaml: zones[0].thresholds.critical_days: expected fewer days than warning_days (3), found 3",
    ]);
  });

  it("does not repeat a global problem for zones that set nothing, nor judge invalid values", () => {
    expect(problemsOf(`${zones("{}")}thresholds: { warning_days: 5 }\n`)).toEqual([
      "a.yaml: thresholds.critical_days: expected fewer days than warning_days (5), found 7 (the default)",
    ]);
    expect(problemsOf(zones("{ warning_days: 0, critical_days: 1 }", "{ critical_days: soon }"))).toEqual([
      "a.yaml: zones[0].thresholds.warning_days: expected a whole number of days greater than 0, found 0",
      'a.yaml: zones[1].thresholds.critical_days: expected a whole number of days greater than 0, found "soon"',
    ]);
  });

  it("rejects unknown keys and a non-mapping", () => {
    expect(problemsOf(zones("{ warning: 10 }", "14"))).toEqual([
      'a.yaml: zones[0].thresholds.warning: expected one of warning_days, critical_days (did you mean "warning_days"?), found an unknown key',
      "a.yaml: zones[1].thresholds: expected a mapping with warning_days and/or critical_days, found 14",
    ]);
  });
});

describe("alert secrets", () => {
  const WEBHOOK_SECRET = "whsec-0123456789abcdef";
  const ROUTING_KEY = "R0UT1NG0123456789abcdef";
  const SLACK_URL = "https://hooks.slack.com/services/T0AAA/B0BBB/slackSecretPart123";
  const AUTH = "Bearer auth-token-0123456789";
  const SECRETS = [WEBHOOK_SECRET, ROUTING_KEY, SLACK_URL, AUTH];
  const env = { ...TOKEN_ENV, WHSEC: WEBHOOK_SECRET, PD_KEY: ROUTING_KEY, SLACK_URL, AUTH };

  it("secretsOf returns the Cloudflare credential and every sink credential, and no other value", () => {
    const config = load(
      withSinks(
        '{ name: w, type: webhook, url: "https://hooks.example/x", secret: "${WHSEC}", headers: { Authorization: "${AUTH}", X-Api-Key: key-1234, X-Auth-Token: tok-1234, X-Webhook-Secret: sec-1234, X-Team: ops-team } }',
        '{ name: s, type: slack, url: "${SLACK_URL}" }',
        '{ name: p, type: pagerduty, routing_key: "${PD_KEY}" }',
        '{ name: am, type: alertmanager, url: "http://alertmanager:9093" }',
        '{ name: plain, type: webhook, url: "https://hooks.example/plain" }',
      ),
      env,
    );
    expect(secretsOf(config)).toEqual(["env-token-0123456789", WEBHOOK_SECRET, AUTH, "key-1234", "tok-1234", "sec-1234", SLACK_URL, ROUTING_KEY]);
  });

  it("never prints a secret that is wrong itself", () => {
    const texts = [
      withSinks(`{ name: w, type: webhook, url: "https://h.example/", secret: [${WEBHOOK_SECRET}] }`),
      withSinks(`{ name: p, type: pagerduty, routing_key: { key: ${ROUTING_KEY} } }`),
      withSinks(`{ name: s, type: slack, url: "<${SLACK_URL}>" }`),
      withSinks(`{ name: s, type: slack, url: "${SLACK_URL.replace("https", "ftp")}" }`),
      withSinks(`{ name: w, type: webhook, url: "https://h.example/", headers: { Authorization: [${AUTH}] } }`),
      withSinks(`{ name: w, type: webhook, url: "https://h.example/", headers: { X-Plain: "${AUTH}\\n" } }`),
      // A misspelt type might be Slack: its URL is not shown either.
      withSinks(`{ name: BAD, type: slak, url: "${SLACK_URL}" }`),
      withSinks(`{ type: slack, url: "${SLACK_URL}/\${BAD NAME}" }`),
      withSinks(`{ name: s, type: slack, url: "${SLACK_URL}/\${UNCLOSED" }`),
    ];
    for (const text of texts) {
      const message = caught(() => load(text, env)).message;
      expect(message).toMatch(/^a\.yaml: /);
      for (const secret of SECRETS) expect(message).not.toContain(secret);
      expect(message).not.toContain("slackSecretPart123");
    }
  });

  it("shows the value when it is not a secret", () => {
    expect(problemsOf(withSinks('{ name: w, type: webhook, url: "https//h.example/x" }', '{ name: am, type: alertmanager, url: "am:9093" }'))).toEqual([
      'a.yaml: alerts.sinks[0].url: expected an http(s) URL without user:password@, found "https//h.example/x"',
      'a.yaml: alerts.sinks[1].url: expected an Alertmanager base URL such as http://alertmanager:9093 (http(s), no credentials, query or fragment), found "am:9093"',
    ]);
  });

  it("masks credentials in a sink URL", () => {
    expect(problemsOf(withSinks('{ name: am, type: alertmanager, url: "http://admin:hunter2secret@am:9093" }'))).toEqual([
      'a.yaml: alerts.sinks[0].url: expected an Alertmanager base URL such as http://alertmanager:9093 (http(s), no credentials, query or fragment), found "http://<redacted>@am:9093"',
    ]);
  });

  it("masks sink secrets wherever else they turn up in an error", () => {
    const texts = [
      `${withSinks('{ name: p, type: pagerduty, routing_key: "${PD_KEY}" }', '{ name: s, type: slack, url: "${SLACK_URL}" }')}state_dir: ["\${PD_KEY}", "\${SLACK_URL}"]\n`,
      `${withSinks(`{ name: w, type: webhook, url: "https://h.example/${WEBHOOK_SECRET}?", secret: "\${WHSEC}", headers: { Authorization: "\${AUTH}" } }`)}schedule: "${AUTH}"\n`,
      `${withSinks('{ name: w, type: webhook, url: "https://h.example/", secret: "${WHSEC}" }')}log: { level: "\${WHSEC}" }\n`,
      `${minimal}alerts:\n  external_url: "\${SLACK_URL}?x=1"\n  sinks: [{ name: s, type: slack, url: "\${SLACK_URL}" }]\n`,
    ];
    for (const text of texts) {
      const message = caught(() => load(text, env)).message;
      expect(message).toMatch(/^a\.yaml: /);
      for (const secret of SECRETS) expect(message).not.toContain(secret);
      expect(message).not.toContain("B0BBB"); // nor the start of one, cut off in a long value
    }
  });

  it("keeps the sink secrets out of the problem list of the fixture file", () => {
    const error = caught(() => loadConfig("test/fixtures/config/bad/alerts.yaml", { ...TOKEN_ENV, PD_KEY: ROUTING_KEY }));
    expect(error.message).not.toContain(ROUTING_KEY);
  });
});
