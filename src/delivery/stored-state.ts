import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { z } from "zod";
import { ALERT_NAMES, SEVERITIES } from "../alerts/alert.js";
import type { AlertState } from "../alerts/alert-state.js";
import { StartupError, systemErrorWords } from "../startup-error.js";
import type { OutboxEntry } from "./outbox.js";
import type { StateFile } from "./state-file.js";

/** What certwatch-state.json holds. */
export interface StoredState {
  version: 1;
  alerts: AlertState;
  outbox: OutboxEntry[];
}

const epochMs = z.number();
const count = z.number().int().min(0);

const alertSchema = z.object({
  fingerprint: z.string(),
  labels: z.object({
    alertname: z.enum(ALERT_NAMES),
    severity: z.enum(SEVERITIES),
    zone: z.string(),
    zone_id: z.string(),
    source: z.string(),
    cert_id: z.string(),
    hostname: z.string(),
  })
    // The configured labels (`labels`, `zones[].labels`): a restart must not strip them.
    .catchall(z.string()),
  // Other string annotations are kept: an optional one added later must survive a restart.
  // Files written before runbook_url existed carry only `runbook`: the same link.
  annotations: z
    .object({
      summary: z.string(),
      description: z.string(),
      expires_at: z.string(),
      runbook: z.string(),
      runbook_url: z.string().optional(),
      pack_id: z.string().optional(),
    })
    .catchall(z.string())
    .transform((annotations) => ({ ...annotations, runbook_url: annotations.runbook_url ?? annotations.runbook })),
  // Kept so a restart shows a silenced alert as silenced before its zone is judged again.
  subjectCn: z.string().optional(),
  silenced: z.object({ until: z.string(), comment: z.string() }).optional(),
});

const notificationSchema = z.object({
  // Absent in files written before notifications had ids: given one on load.
  id: z.string().min(1).optional(),
  status: z.enum(["firing", "resolved"]),
  reason: z.enum(["new", "severity_change", "repeat", "resolved"]),
  alert: alertSchema,
  startsAt: epochMs,
  endsAt: epochMs.nullable(),
});

const outboxEntrySchema = z.object({
  id: z.string().min(1),
  group: z.object({
    sink: z.string(),
    zone: z.string(),
    zoneId: z.string(),
    account: z.string().optional(),
    accountId: z.string().optional(),
    notifications: z.array(notificationSchema),
  }),
  createdAt: epochMs,
  attempts: count,
  nextAttemptAt: epochMs,
  requestsDone: count,
});

const storedStateSchema = z.object({
  version: z.literal(1),
  alerts: z.object({
    active: z.record(z.string(), z.object({ alert: alertSchema, startsAt: epochMs, lastNotifiedAt: epochMs, sinks: z.array(z.string()) })),
    statuses: z.record(z.string(), z.object({ status: z.string(), since: epochMs })),
  }),
  outbox: z.array(outboxEntrySchema),
});

export type StateCheck = { ok: true; state: StoredState } | { ok: false; problems: string[] };

const MAX_PROBLEMS = 5;

/**
 * Checks a document read from the state file. Anything but the shape certwatch writes is
 * refused as a whole (the caller sets the file aside): half-trusted state could crash delivery
 * later, far from the cause. Notifications from older files get the ids they lack.
 */
export function checkStoredState(document: unknown): StateCheck {
  const result = storedStateSchema.safeParse(document);
  if (!result.success) {
    const problems = result.error.issues.slice(0, MAX_PROBLEMS).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    return { ok: false, problems };
  }
  const { version, alerts, outbox } = result.data;
  const entries = outbox.map((entry) => ({
    ...entry,
    group: { ...entry.group, notifications: entry.group.notifications.map((n) => ({ ...n, id: n.id ?? randomUUID() })) },
  }));
  return { ok: true, state: { version, alerts, outbox: entries } };
}

/**
 * The state file's content, or null when there is none. One that is not JSON, or not of the
 * shape certwatch writes, is kept aside as evidence and certwatch starts clean, saying so loudly:
 * re-sent notifications beat a daemon that cannot start. Other read errors stop the start.
 */
export async function readStoredState(file: StateFile<StoredState>, logger: Logger): Promise<StoredState | null> {
  let stored: { document: unknown } | null;
  try {
    stored = await file.read();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw new StartupError(`cannot read alert state ${file.path}`, "state_dir", systemErrorWords(error), { cause: error });
    // Atomic writes make this unlikely; if it happens, keep the evidence, say so loudly, start clean.
    const kept = await file.setAside();
    logger.error({ err: error, path: file.path, kept }, "alert state file is not valid JSON; moved it aside and starting with empty alert state");
    return null;
  }
  if (stored === null) return null;
  const checked = checkStoredState(stored.document);
  if (checked.ok) return checked.state;
  const kept = await file.setAside();
  logger.error({ path: file.path, kept, problems: checked.problems }, "alert state file is not in certwatch's format; moved it aside and starting with empty alert state");
  return null;
}
