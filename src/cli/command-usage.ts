/** `certwatch check --help`. */
export const CHECK_USAGE = `Usage: certwatch check [--config PATH] [--output table|json]

Polls every watched zone once with the daemon's own sources and rules, prints every certificate
sorted by time left, and exits. Logs go to stderr, so stdout holds only the report.

Options:
  -c, --config PATH   configuration file (default: $CERTWATCH_CONFIG, else config/certwatch.yaml)
  -o, --output FMT    table (default) or json
  -h, --help          show this help

Exit codes: 0 nothing alerts, 1 warnings, 2 critical alerts, 3 a source (or the zone discovery
            listing) could not be read, 4 bad configuration or arguments.`;

/** `certwatch init --help`. */
export const INIT_USAGE = `Usage: certwatch init [--config PATH]

Writes the commented example configuration (every key with its default) to PATH, to edit
before the first run. Refuses to overwrite a file that exists. PATH "-" prints it on stdout.

Options:
  -c, --config PATH   where to write (default: $CERTWATCH_CONFIG, else config/certwatch.yaml)
  -h, --help          show this help

Exit codes: 0 written, 1 the file exists or cannot be written, 2 bad arguments.`;
