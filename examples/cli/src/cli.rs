//! The command line as clap reads it: every subcommand, its flags, its help with an
//! example, and the exit codes.

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

/// What the exit codes mean, shown under `slotwise --help`.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success (explain: the instant is bookable; check: the appointment fits)
  1  explain: the instant is not bookable; check: the appointment does not fit
  2  a usage error, or an input the engine refused (the message says which field)
`expand --batch` answers each bad line with an error line and exits 0; it exits 2
only when stdin or stdout fail.

Times are RFC 3339 (2026-03-02T12:00:00Z or with an offset), durations ISO 8601
(PT30M, P1D). FILE `-` reads stdin.";

/// slotwise: availability, reconciliation and reports from recurring schedules,
/// exact across DST.
#[derive(Debug, Parser)]
#[command(
    name = "slotwise",
    after_help = EXIT_CODES,
    arg_required_else_help = true,
    disable_help_subcommand = false
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Expand an iCalendar rule: one instant a line, or JSON lines in batch.
    #[command(after_help = "\
Examples:
  slotwise expand --from 2026-01-01T00:00:00Z --to 2027-01-01T00:00:00Z \\
    --rule 'DTSTART;TZID=Europe/Lisbon:20260302T090000\\nRRULE:FREQ=WEEKLY;COUNT=4'

  line='{\"id\": 1, \"ical\": \"DTSTART:20260101T090000Z\\nRRULE:FREQ=DAILY;COUNT=3\",'
  line=\"$line\"' \"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-02-01T00:00:00Z\"}'
  printf '%s\\n' \"$line\" | slotwise expand --batch

Batch lines: {\"id\", \"ical\", \"from\", \"to\", \"limit\"?, \"timezone\"?}, one JSON
object a line. Each is answered, in order, with {\"id\", \"occurrences\": [...]} or
{\"id\", \"error\": {\"code\", \"message\"}}; the id comes back exactly as sent. A bad
line does not stop the others: the exit code is 0 unless stdin or stdout fail.")]
    Expand(ExpandArgs),

    /// Bookable slots of {schedules, appointments, query}, as a table or JSON.
    #[command(after_help = "\
Example:
  slotwise availability examples/data/clinic.json
  slotwise availability examples/data/clinic.json --json

FILE: {\"schedules\": [...], \"appointments\": [...], \"query\": {\"from\", \"to\",
\"seats\"?, \"now\"?, \"min_notice\"?, \"max_advance\"?, \"schedules\"?}}
(fields: docs/reference.md).")]
    Availability(DocumentArgs),

    /// What to create, update and delete so stored slots match the schedules.
    #[command(after_help = "\
Example:
  slotwise reconcile examples/data/reconcile.json

FILE: {\"schedules\", \"appointments\", \"window\": {\"from\", \"to\"},
\"existing\": [{\"key\", \"schedule\", \"start\", \"end\", \"capacity\"}]}
(fields: docs/reference.md). Booked slots are never deleted: they are listed
as conflicts.")]
    Reconcile(DocumentArgs),

    /// Offered and booked seat-minutes, utilization and outcomes per bucket.
    #[command(after_help = "\
Example:
  slotwise report examples/data/report.json

FILE: {\"schedules\", \"appointments\", \"window\": {\"from\", \"to\"},
\"bucket\": \"day\" | \"week\" | \"month\"} (fields: docs/reference.md).")]
    Report(DocumentArgs),

    /// Why an instant is or is not bookable in one schedule, in words.
    #[command(after_help = "\
Example:
  slotwise explain examples/data/clinic.json \\
    --schedule dr-ana --at 2026-03-23T13:00:00Z

FILE: any document with \"schedules\" and \"appointments\" (its other fields are not
read). Exits 0 when the instant is bookable, 1 when it is not.")]
    Explain(ExplainArgs),

    /// Would a proposed appointment fit? Every reason it does not, in words.
    #[command(after_help = "\
Example:
  slotwise check examples/data/clinic.json --schedule dr-ana \\
    --start 2026-03-23T12:00:00Z --end 2026-03-23T12:30:00Z

FILE: any document with \"schedules\" and \"appointments\". Exits 0 when the
appointment fits, 1 when it does not.")]
    Check(CheckArgs),

    /// Write the schedules and appointments of FILE as a binary snapshot.
    #[command(after_help = "\
Example:
  slotwise snapshot examples/data/clinic.json -o engine.bin
  slotwise availability query.json --snapshot engine.bin

FILE: any document with \"schedules\" and \"appointments\", or the engine's
JSON state.")]
    Snapshot(SnapshotArgs),

    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = "\
Example:
  slotwise completions bash > /etc/bash_completion.d/slotwise
  slotwise completions zsh > \"${fpath[1]}/_slotwise\"
  slotwise completions fish > ~/.config/fish/completions/slotwise.fish")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Print the version and the bundled time zone database's version.
    #[command(after_help = "Example:\n  slotwise version")]
    Version,
}

/// `slotwise expand`.
#[derive(Debug, Args)]
pub struct ExpandArgs {
    /// Read JSON lines on stdin and answer each with one line on stdout.
    #[arg(long, conflicts_with_all = ["rule", "from", "to", "limit", "tz"])]
    pub batch: bool,
    /// The iCalendar text: DTSTART, RRULE, RDATE and EXDATE lines (a literal \n
    /// separates lines).
    #[arg(long, value_name = "TEXT", required_unless_present = "batch")]
    pub rule: Option<String>,
    /// The window's first instant.
    #[arg(long, value_name = "INSTANT", required_unless_present = "batch")]
    pub from: Option<String>,
    /// The first instant after the window.
    #[arg(long, value_name = "INSTANT", required_unless_present = "batch")]
    pub to: Option<String>,
    /// At most this many instants (the first ones of the window).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub limit: Option<usize>,
    /// The zone of a floating DTSTART (default UTC).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
}

/// Where the schedules and appointments come from, and how the answer is printed.
#[derive(Debug, Args)]
pub struct Source {
    /// Print the engine's JSON answer instead of text.
    #[arg(long)]
    pub json: bool,
    /// Answer from this snapshot (`slotwise snapshot`) instead of FILE's schedules and
    /// appointments, which FILE must then leave out.
    #[arg(long, value_name = "engine.bin")]
    pub snapshot: Option<String>,
}

/// `slotwise availability|reconcile|report FILE`.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The JSON document (`-`: stdin).
    #[arg(value_name = "FILE")]
    pub file: String,
    #[command(flatten)]
    pub source: Source,
}

/// `slotwise explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A JSON document with schedules and appointments (`-`: stdin); not needed with
    /// --snapshot.
    #[arg(value_name = "FILE", required_unless_present = "snapshot")]
    pub file: Option<String>,
    /// The schedule's id.
    #[arg(long, value_name = "ID")]
    pub schedule: String,
    /// The instant asked about.
    #[arg(long, value_name = "INSTANT")]
    pub at: String,
    #[command(flatten)]
    pub source: Source,
}

/// `slotwise check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A JSON document with schedules and appointments (`-`: stdin); not needed with
    /// --snapshot.
    #[arg(value_name = "FILE", required_unless_present = "snapshot")]
    pub file: Option<String>,
    /// The schedule to book.
    #[arg(long, value_name = "ID")]
    pub schedule: String,
    /// The appointment's start.
    #[arg(long, value_name = "INSTANT")]
    pub start: String,
    /// The appointment's end.
    #[arg(
        long,
        value_name = "INSTANT",
        required_unless_present = "duration",
        conflicts_with = "duration"
    )]
    pub end: Option<String>,
    /// The appointment's length, in place of --end (PT30M).
    #[arg(long, value_name = "DURATION")]
    pub duration: Option<String>,
    /// Seats it takes.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seats: u32,
    /// Its id: an appointment of FILE with this id is left out, so a move or a
    /// resize can be checked.
    #[arg(long, value_name = "ID", default_value = "proposed")]
    pub id: String,
    /// The present, for the notice rules.
    #[arg(long, value_name = "INSTANT")]
    pub now: Option<String>,
    /// Least time between --now and the start (PT2H).
    #[arg(long, value_name = "DURATION", requires = "now")]
    pub min_notice: Option<String>,
    /// Most time between --now and the start (P60D).
    #[arg(long, value_name = "DURATION", requires = "now")]
    pub max_advance: Option<String>,
    #[command(flatten)]
    pub source: Source,
}

/// `slotwise snapshot`.
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// A JSON document with schedules and appointments (`-`: stdin).
    #[arg(value_name = "FILE")]
    pub file: String,
    /// Where to write the snapshot.
    #[arg(short, long, value_name = "engine.bin")]
    pub output: String,
}
