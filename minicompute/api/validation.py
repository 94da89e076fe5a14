"""jsonschema validation with messages in Nova's style."""
from __future__ import annotations

import binascii

import jsonschema
from oslo_utils import timeutils

from minicompute import exception


def _is_base64(value) -> bool:
    """Nova's ``base64`` format (user_data, personality contents), without
    the lenience of Python's decoder, which drops every character outside
    the alphabet (Nova takes ``%%%`` as empty user data): line breaks and
    blanks may wrap the text, nothing else may stand in it."""
    if not isinstance(value, str):
        return False
    compact = ''.join(value.split())
    try:
        binascii.a2b_base64(compact.encode('ascii'), strict_mode=True)
    except (binascii.Error, UnicodeEncodeError):
        return False
    return True


_BODY_FORMATS = jsonschema.FormatChecker()
_BODY_FORMATS.checks('base64')(_is_base64)


def validate(body, schema: dict) -> None:
    validator = jsonschema.Draft4Validator(
        schema, format_checker=_BODY_FORMATS)
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


def _is_iso_datetime(value) -> bool:
    """Nova's ``date-time`` format: whatever timeutils.parse_isotime reads
    (jsonschema checks it only when an optional RFC 3339 library is
    installed)."""
    if not isinstance(value, str):
        return True
    try:
        timeutils.parse_isotime(value)
    except ValueError:
        return False
    return True


_QUERY_FORMATS = jsonschema.FormatChecker()
_QUERY_FORMATS.checks('date-time')(_is_iso_datetime)


def validate_query(params, schema: dict) -> None:
    """Validate a query string as Nova does: every parameter is a list of
    its values (``request.GET.dict_of_lists()``), and a fault names the
    parameter, with the offending value, as
    "Invalid input for query parameters <name>. Value: <value>. <why>".
    """
    validator = jsonschema.Draft4Validator(schema,
                                           format_checker=_QUERY_FORMATS)
    error = jsonschema.exceptions.best_match(
        validator.iter_errors(params.dict_of_lists()))
    if error is None:
        return
    path = list(error.absolute_path)
    if path:
        detail = ('Invalid input for query parameters %s. Value: %s. %s'
                  % (path[0], _short(error.instance), error.message))
    else:
        detail = error.message
    raise exception.ValidationError(detail=detail)
