"""Findings rendered as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

import enum
import json

from kg.errors import Finding, Report, SourceLocation
from kg.terminal import json_safe, visible


class ReportFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"



def _shown(finding: Finding) -> Finding:
    loc = finding.location
    return Finding(SourceLocation(visible(loc.path), loc.line, loc.col), finding.severity,
                   finding.code, visible(finding.message))


def _escape_github(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _github(finding: Finding) -> str:
    level = {"error": "error", "warning": "warning"}.get(finding.severity.value, "notice")
    loc = finding.location
    props = (f"file={_escape_github(loc.path, prop=True)},line={loc.line},col={loc.col},"
             f"title={finding.code}")
    return f"::{level} {props}::{_escape_github(f'{finding.code} {finding.message}')}"


def summary(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def render(report: Report, fmt: ReportFormat) -> str:
    findings = [_shown(f) for f in report.sorted()]
    if fmt is ReportFormat.JSON:
        payload = {
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "findings": [{
                "path": f.location.path, "line": f.location.line, "col": f.location.col,
                "severity": f.severity.value, "code": f.code, "message": f.message,
            } for f in findings],
        }
        return json_safe(json.dumps(payload, indent=2, ensure_ascii=False))
    if fmt is ReportFormat.GITHUB:
        return "\n".join(_github(f) for f in findings)
    lines = [str(f) for f in findings]
    lines.append(summary(report))
    return "\n".join(lines)
