"""jsonschema validation with messages in Nova's style."""
from __future__ import annotations

import jsonschema

from minicompute import exception


def validate(body, schema: dict) -> None:
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.FormatChecker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(body))
    if error is None:
        return
    path = list(error.absolute_path)
    if path:
        # Nova names the innermost field only.
        detail = "Invalid input for field/attribute %s. Value: %s. %s" % (
            path[-1], _short(error.instance), error.message)
    else:
        detail = error.message
    raise exception.ValidationError(detail=detail)


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 120 else text[:117] + '...'
