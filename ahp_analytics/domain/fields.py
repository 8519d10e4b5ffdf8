"""The columns that are not measures (codes, names, periods, the columns of a return), each with
a label and a definition, so that every exported column has both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """A column that is not a measure: an identifier, a period, a column of a return."""

    code: str
    label: str
    definition: str
    fmt: str | None = None


_FIELDS = (
    Field("org_code", "Organisation code", "NHS ODS code of the organisation."),
    Field("org_name", "Organisation", "Name of the organisation (reference list or return)."),
    Field("region", "Region", "NHS England region."),
    Field("icb", "ICB", "Integrated care board."),
    Field(
        "trust_type",
        "Trust type",
        "Acute, acute specialist, mental health, community or ambulance.",
    ),
    Field(
        "window",
        "Analysis window",
        "The window the summary covers (an NHS financial year unless chosen otherwise); each "
        "value is the organisation's latest inside it.",
    ),
    Field(
        "workforce_period",
        "Workforce period",
        "First day of the workforce period the workforce measures come from.",
    ),
    Field(
        "leadership_period",
        "Leadership period",
        "First day of the period of the leadership return the leadership measures come from.",
    ),
    Field("period", "Period (first day)", "First day of the period the row describes."),
    Field("period_type", "Period type", "month, quarter, year or financial year."),
    Field("profession", "Profession", "AHP profession (of the staff, or of the post holder)."),
    Field("band", "AfC band", "Agenda for Change band (of the staff, or of the post)."),
    Field("fte", "FTE", "Full-time equivalent: of the staff in the row, or of the post.", "%.2f"),
    Field("headcount", "Headcount", "People in post in the row.", "%d"),
    Field(
        "vacancy_fte",
        "Vacancy FTE",
        "Funded posts not filled in the row, in FTE; blank when not reported (missing, not 0).",
        "%.2f",
    ),
    Field("role", "Role", "Leadership role of the post; None is an explicit nil return."),
    Field("job_title", "Job title", "Job title as written by the organisation."),
    Field(
        "strategic_time_pct",
        "Strategic time (%)",
        "Share of the post given to strategic rather than operational work, in %.",
        "%.0f",
    ),
    Field("board_role", "Board role", "Whether the post holder sits on or attends the board."),
    Field("reports_to", "Reports to", "Whom the post holder reports to."),
    Field("indicator", "Indicator", "Indicator code (catalogue) or name (custom indicator)."),
    Field("value", "Value (in the indicator's unit)", "Value of the indicator.", "plain"),
    Field("numerator", "Numerator", "Numerator of the indicator, where given.", "plain"),
    Field("denominator", "Denominator", "Denominator of the indicator, where given.", "plain"),
    Field("id", "Submission", "Number of the submission.", "%d"),
    Field("submitted_at", "Submitted at (UTC)", "When the file was stored."),
    Field("file_name", "File", "Name of the file as uploaded."),
    Field("user_name", "Submitted by", "Who stored the file."),
    Field("status", "Status", "current, partly superseded, superseded, withdrawn or rejected."),
    Field("workforce_rows", "Workforce rows", "Workforce rows in the file.", "%d"),
    Field("leadership_rows", "Leadership rows", "Leadership rows in the file.", "%d"),
    Field("indicators_rows", "Indicator rows", "Indicator rows in the file.", "%d"),
    Field("organisations_rows", "Organisation rows", "Organisation rows in the file.", "%d"),
    Field("warnings", "Warnings", "Warnings the checks gave the file.", "%d"),
    Field("superseded_by", "Superseded by submission", "The submission that replaced it.", "%d"),
    Field("withdrawn_at", "Withdrawn at (UTC)", "When the submission was withdrawn."),
    Field("withdrawn_by", "Withdrawn by", "Who withdrew the submission."),
    Field("sha256", "SHA-256 of the file", "Fingerprint of the file's bytes."),
    Field("size", "File size (bytes)", "Size of the file in bytes.", "localized"),
)
FIELDS: dict[str, Field] = {f.code: f for f in _FIELDS}
