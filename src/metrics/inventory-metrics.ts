import { Counter, Gauge, type Registry } from "prom-client";
import type { Clock } from "../clock/clock.js";
import type { CertificateRecord } from "../inventory/certificate-record.js";
import type { Inventory } from "../inventory/inventory.js";
import { countValidCAs } from "../evaluate/trust-store.js";

const CERT_LABELS = ["zone", "zone_id", "source", "cert_id", "hostname", "subject_cn", "issuer_cn", "serial"] as const;
const SOURCE_LABELS = ["zone", "zone_id", "source"] as const;

type Filler = (gauge: Gauge) => void;

/**
 * Gauges rebuilt from the inventory at every scrape: a certificate that leaves the inventory
 * leaves /metrics, and time-dependent values (expired, valid CAs) are evaluated at scrape time.
 */
export interface InventoryMetricsOptions {
  /** Zones whose custom hostnames are exported as counts only (`custom_hostnames.mode: summary`). */
  summarizedZones: () => ReadonlySet<string>;
}

export function registerInventoryMetrics(registry: Registry, inventory: Inventory, clock: Clock, options: InventoryMetricsOptions): void {
  // SaaS zones hold tens of thousands of hostnames: in summary mode they are counted, not listed.
  const records = () => {
    const summarized = options.summarizedZones();
    return inventory.records().filter((r) => !(r.source === "custom_hostname" && summarized.has(r.zoneId)));
  };
  const gauge = (name: string, help: string, labelNames: readonly string[], fill: Filler) =>
    new Gauge({
      name,
      help,
      labelNames: [...labelNames],
      registers: [registry],
      collect() {
        this.reset();
        fill(this);
      },
    });
  const eachParsed = (value: (r: CertificateRecord & { parsed: NonNullable<CertificateRecord["parsed"]> }) => number): Filler =>
    (g) => {
      for (const r of records()) if (r.parsed) g.set(certLabels(r), value({ ...r, parsed: r.parsed }));
    };

  gauge("certwatch_cert_not_after_timestamp_seconds", "The leaf certificate's notAfter, read from its PEM.", CERT_LABELS,
    eachParsed((r) => r.parsed.notAfter / 1000));
  gauge("certwatch_cert_not_before_timestamp_seconds", "The leaf certificate's notBefore, read from its PEM.", CERT_LABELS,
    eachParsed((r) => r.parsed.notBefore / 1000));
  gauge("certwatch_cert_chain_not_after_timestamp_seconds", "The earliest notAfter of any certificate in the PEM bundle.", CERT_LABELS,
    eachParsed((r) => r.parsed.chainNotAfter / 1000));
  gauge("certwatch_cert_expired", "1 when the leaf's notAfter has passed (evaluated at scrape time), else 0.", CERT_LABELS,
    eachParsed((r) => (clock.now() >= r.parsed.notAfter ? 1 : 0)));
  gauge("certwatch_cert_api_expires_on_timestamp_seconds", "The expiry the Cloudflare API claims (expires_on).", CERT_LABELS, (g) => {
    for (const r of records()) if (r.apiExpiresOn !== null) g.set(certLabels(r), r.apiExpiresOn / 1000);
  });
  gauge("certwatch_cert_status", "1 for the object's current status as Cloudflare reports it.", [...CERT_LABELS, "status"], (g) => {
    for (const r of records()) if (r.status !== null) g.set({ ...certLabels(r), status: r.status }, 1);
  });
  gauge("certwatch_cert_parse_error", "1 for each PEM that could not be parsed.", ["zone", "zone_id", "source", "cert_id", "hostname"], (g) => {
    for (const r of records()) {
      if (r.parseError !== null) g.set({ zone: r.zoneName, zone_id: r.zoneId, source: r.source, cert_id: r.certId, hostname: r.hostname }, 1);
    }
  });
  gauge("certwatch_aop_hostname_enabled", "Whether hostname-level AOP is enabled for the association (absent when the API says null).",
    ["zone", "zone_id", "hostname", "cert_id"], (g) => {
      for (const r of inventory.records()) {
        const enabled = r.attributes.enabled;
        if (r.source === "aop_hostname" && typeof enabled === "boolean") {
          g.set({ zone: r.zoneName, zone_id: r.zoneId, hostname: r.hostname, cert_id: r.certId }, enabled ? 1 : 0);
        }
      }
    });
  gauge("certwatch_trust_store_valid_cas", "CAs in the zone's Custom Origin Trust Store that are active and inside their PEM validity now.",
    ["zone", "zone_id"], (g) => {
      const records = inventory.records();
      for (const h of inventory.health()) {
        if (h.source !== "trust_store" || h.lastSuccessAt === null) continue;
        const store = records.filter((r) => r.zoneId === h.zoneId && r.source === "trust_store");
        g.set({ zone: h.zoneName, zone_id: h.zoneId }, countValidCAs(store, clock.now()));
      }
    });
  gauge(
    "certwatch_cert_expiry_timestamp_seconds",
    "The expiry certwatch alerts on: the PEM's notAfter (from_pem=\"true\"), or the API's expires_on for objects Cloudflare exposes no PEM for (from_pem=\"false\"). Absent when a PEM does not parse.",
    [...CERT_LABELS, "from_pem"],
    (g) => {
      for (const r of records()) {
        if (r.parsed) g.set({ ...certLabels(r), from_pem: "true" }, r.parsed.notAfter / 1000);
        else if (r.pem === null && r.apiExpiresOn !== null) g.set({ ...certLabels(r), from_pem: "false" }, r.apiExpiresOn / 1000);
      }
    },
  );
  gauge("certwatch_aop_zone_enabled", "1 while zone-level Authenticated Origin Pulls is enabled (its certificates are presented), else 0.", ["zone", "zone_id"], (g) => {
    for (const h of inventory.health()) {
      const enabled = h.source === "aop_zone_cert" ? inventory.setting(h.zoneId, h.source, "aop_zone_enabled") : undefined;
      if (enabled !== undefined) g.set({ zone: h.zoneName, zone_id: h.zoneId }, enabled ? 1 : 0);
    }
  });
  gauge("certwatch_custom_hostnames", "Custom hostnames (SSL for SaaS) by hostname status and certificate (ssl) status.", ["zone", "zone_id", "status", "ssl_status"], (g) => {
    const counts = new Map<string, { labels: Record<string, string>; n: number }>();
    for (const r of inventory.records()) {
      if (r.source !== "custom_hostname") continue;
      const labels = { zone: r.zoneName, zone_id: r.zoneId, status: String(r.attributes.hostname_status ?? ""), ssl_status: r.status ?? "" };
      const key = JSON.stringify(labels);
      counts.set(key, { labels, n: (counts.get(key)?.n ?? 0) + 1 });
    }
    for (const { labels, n } of counts.values()) g.set(labels, n);
  });
  gauge("certwatch_source_unavailable", "1 when the source answers 403 for the zone while its other sources work (the product is not enabled there).", SOURCE_LABELS, (g) => {
    for (const h of inventory.health()) if (h.unavailable) g.set({ zone: h.zoneName, zone_id: h.zoneId, source: h.source }, 1);
  });
  // Counted in the inventory, so a zone or source that stops being watched takes its series along.
  new Counter({
    name: "certwatch_source_errors_total",
    help: "Polls of a source for a zone that failed, by reason.",
    labelNames: ["zone", "zone_id", "source", "reason"],
    registers: [registry],
    collect() {
      this.reset();
      for (const { health: h, reason, count } of inventory.errorCounts()) this.inc({ zone: h.zoneName, zone_id: h.zoneId, source: h.source, reason }, count);
    },
  });
  // Also kept per watched slot, for the same reason.
  new Counter({
    name: "certwatch_items_invalid_total",
    help: "Items of an API answer skipped as unusable (the rest of the answer was used), by reason: missing_id, not_an_object, bad_field.",
    labelNames: ["zone", "zone_id", "source", "reason"],
    registers: [registry],
    collect() {
      this.reset();
      for (const { health: h, reason, count } of inventory.invalidCounts()) this.inc({ zone: h.zoneName, zone_id: h.zoneId, source: h.source, reason }, count);
    },
  });
  // Unlabelled gauges always export a value; this one has none until a cycle could tell.
  new (class extends Gauge {
    override async get() {
      const metric = await super.get();
      return inventory.credentials.valid === null ? { ...metric, values: [] } : metric;
    }
  })({
    name: "certwatch_credentials_valid",
    help: "1 when a request of the last conclusive poll cycle authenticated, 0 when Cloudflare rejected the credentials for every zone; absent before either.",
    registers: [registry],
    collect() {
      this.set(inventory.credentials.valid ? 1 : 0);
    },
  });
  gauge("certwatch_source_up", "1 when the last poll of this source for this zone succeeded, else 0.", SOURCE_LABELS, (g) => {
    for (const h of inventory.health()) g.set({ zone: h.zoneName, zone_id: h.zoneId, source: h.source }, h.up ? 1 : 0);
  });
  gauge("certwatch_source_last_success_timestamp_seconds", "When this source last polled successfully for this zone.", SOURCE_LABELS, (g) => {
    for (const h of inventory.health()) {
      if (h.lastSuccessAt !== null) g.set({ zone: h.zoneName, zone_id: h.zoneId, source: h.source }, h.lastSuccessAt / 1000);
    }
  });
}

function certLabels(r: CertificateRecord): Record<(typeof CERT_LABELS)[number], string> {
  return {
    zone: r.zoneName,
    zone_id: r.zoneId,
    source: r.source,
    cert_id: r.certId,
    hostname: r.hostname,
    subject_cn: r.parsed?.subjectCN ?? "",
    issuer_cn: r.parsed?.issuerCN ?? "",
    serial: r.parsed?.serialHex ?? "",
  };
}
