"""Database access for EC2-style ids: the integer behind ``ami-%08x``."""
from __future__ import annotations

from oslo_db import exception as db_exc
import sqlalchemy as sa

from minicompute.db import api as db_api
from minicompute.db import models


def s3_image_id(image_uuid: str) -> int:
    """The image's integer id, handed out on first use.

    Two callers racing for a new image both end up with the one row the
    unique constraint lets in.
    """
    query = sa.select(models.S3Image.id).filter_by(uuid=image_uuid)
    with db_api.reader() as session:
        found = session.scalar(query)
    if found is not None:
        return found
    try:
        with db_api.writer() as session:
            row = models.S3Image(uuid=image_uuid)
            session.add(row)
            session.flush()
            return row.id
    except db_exc.DBDuplicateEntry:
        with db_api.reader() as session:
            return session.scalar(query)
