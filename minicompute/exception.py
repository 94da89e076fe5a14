"""One exception hierarchy: a ``msg_fmt`` and the HTTP code it maps to.

The API turns any ``MinicomputeException`` into Nova's fault body with its
``code``; anything else becomes a generic 500 without a traceback.
"""


class MinicomputeException(Exception):
    msg_fmt = "An unknown exception occurred."
    code = 500

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if not message:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                message = self.msg_fmt
        self.message = str(message)
        super().__init__(self.message)

    def format_message(self) -> str:
        return self.message


class Invalid(MinicomputeException):
    msg_fmt = "Bad request: %(reason)s"
    code = 400


class ValidationError(Invalid):
    msg_fmt = "%(detail)s"


class InvalidInput(Invalid):
    msg_fmt = "Invalid input received: %(reason)s"


class MarkerNotFound(Invalid):
    msg_fmt = "Marker %(marker)s could not be found."


class Forbidden(MinicomputeException):
    msg_fmt = "Forbidden"
    code = 403


class PolicyNotAuthorized(Forbidden):
    msg_fmt = "Policy doesn't allow %(action)s to be performed."


class UnsupportedMediaType(MinicomputeException):
    msg_fmt = "Unsupported Content-Type %(content_type)s"
    code = 415


class NotFound(MinicomputeException):
    msg_fmt = "Resource could not be found."
    code = 404


class InstanceNotFound(NotFound):
    msg_fmt = "Instance %(instance_id)s could not be found."


class FlavorNotFound(NotFound):
    msg_fmt = "Flavor %(flavor_id)s could not be found."


class ImageNotFound(NotFound):
    msg_fmt = "Image %(image_id)s could not be found."


class ComputeHostNotFound(NotFound):
    msg_fmt = "Compute host %(host)s could not be found."


class ServiceNotFound(NotFound):
    msg_fmt = "Service %(service_id)s could not be found."


class ComputeNodeNotFound(NotFound):
    msg_fmt = "Compute node for host %(host)s could not be found."


class Conflict(MinicomputeException):
    msg_fmt = "Conflict: %(reason)s"
    code = 409


class FlavorExists(Conflict):
    msg_fmt = "Flavor with name %(name)s already exists."


class FlavorIdExists(Conflict):
    msg_fmt = "Flavor with ID %(flavor_id)s already exists."


class InstanceInvalidState(Conflict):
    msg_fmt = ("Cannot '%(method)s' instance %(instance_uuid)s while it is "
               "in %(attr)s %(state)s")


class InstanceIsLocked(Conflict):
    msg_fmt = "Instance %(instance_uuid)s is locked"


class ServiceTooOld(Conflict):
    msg_fmt = ("The compute service on %(host)s is too old for %(action)s; "
               "upgrade it first.")


class InstanceNotReady(Conflict):
    msg_fmt = "Instance %(instance_id)s is not ready"


class InstanceNotRunning(Invalid):
    msg_fmt = "Instance %(instance_id)s is not running."


class TriggerCrashDumpNotSupported(Invalid):
    msg_fmt = "Triggering crash dump is not supported"


class InstanceTagNotFound(NotFound):
    msg_fmt = "Instance %(instance_id)s has no tag '%(tag)s'"


class UnexpectedTaskStateError(MinicomputeException):
    msg_fmt = ("Unexpected task state: expecting %(expected)s but "
               "the actual state is %(actual)s")
    code = 409


class UnexpectedDeletingTaskStateError(UnexpectedTaskStateError):
    pass


class TooManyInstances(Forbidden):
    msg_fmt = ("Quota exceeded for %(overs)s: Requested %(req)s, but already "
               "used %(used)s of %(allowed)s %(overs)s")


class NoValidHost(MinicomputeException):
    msg_fmt = "No valid host was found. %(reason)s"


class MaxRetriesExceeded(NoValidHost):
    msg_fmt = "Exceeded maximum number of retries. %(reason)s"


class RescheduledException(MinicomputeException):
    msg_fmt = ("Build of instance %(instance_uuid)s was re-scheduled: "
               "%(reason)s")


class BuildAbortException(MinicomputeException):
    msg_fmt = "Build of instance %(instance_uuid)s aborted: %(reason)s"


class ClaimFailed(MinicomputeException):
    msg_fmt = "Claim on node %(node)s failed: %(reason)s"


class InstanceDeployFailure(MinicomputeException):
    msg_fmt = "Failed to deploy instance: %(reason)s"


class ComputeServiceUnavailable(Invalid):
    msg_fmt = "Compute service of %(host)s is unavailable at this time."


class HypervisorUnavailable(MinicomputeException):
    msg_fmt = "Connection to the hypervisor is broken on host %(host)s"


class ImageUnacceptable(Invalid):
    msg_fmt = "Image %(image_id)s is unacceptable: %(reason)s"


class FlavorDiskTooSmall(Invalid):
    msg_fmt = ("Flavor's disk is too small for requested image. Flavor disk "
               "is %(flavor_size)i bytes, image is %(image_size)i bytes.")


class FlavorMemoryTooSmall(Invalid):
    msg_fmt = "Flavor's memory is too small for requested image."


class DriverLoadError(MinicomputeException):
    msg_fmt = "Could not load compute driver %(name)s: %(reason)s"


class SchedulerPluginLoadError(MinicomputeException):
    msg_fmt = ("Could not load scheduler %(kind)s %(name)s: %(reason)s. "
               "Available: %(available)s")


class ObjectActionError(MinicomputeException):
    msg_fmt = "Object action %(action)s failed because: %(reason)s"


class DBNotSynced(MinicomputeException):
    msg_fmt = ("The database schema is not current (%(current)s, expected "
               "%(expected)s); run 'minicompute-manage db sync'.")


# -- server groups, aggregates, availability zones (scheduler issue) ------

class InstanceGroupNotFound(NotFound):
    msg_fmt = "Instance group %(group_uuid)s could not be found."


class InstanceGroupMemberExists(Conflict):
    msg_fmt = "An instance is already a member of group %(group_uuid)s."


class AggregateNotFound(NotFound):
    msg_fmt = "Aggregate %(aggregate_id)s could not be found."


class AggregateNameExists(Conflict):
    msg_fmt = "Aggregate %(aggregate_name)s already exists."


class AggregateHostExists(Conflict):
    msg_fmt = "Aggregate %(aggregate_id)s already has host %(host)s."


class AggregateHostNotFound(NotFound):
    msg_fmt = "Aggregate %(aggregate_id)s has no host %(host)s."


class InvalidAggregateAction(Conflict):
    msg_fmt = ("Unacceptable parameters for action %(action)s on aggregate "
               "%(aggregate_id)s: %(reason)s.")


class InvalidAvailabilityZone(Invalid):
    msg_fmt = "The requested availability zone is not available"


class GroupAffinityViolation(RescheduledException):
    """A late server group check failed on the compute host: rescheduled,
    but not counted as a build failure of that host (as in Nova)."""


# -- key pairs and quotas (os-keypairs, os-quota-sets) --------------------

class KeypairNotFound(NotFound):
    msg_fmt = "Keypair %(name)s not found for user %(user_id)s"


class KeyPairExists(Conflict):
    msg_fmt = "Key pair '%(key_name)s' already exists."


class InvalidKeypair(Invalid):
    msg_fmt = "Keypair data is invalid: %(reason)s"


class OverQuota(Forbidden):
    msg_fmt = "Quota exceeded for resources: %(overs)s"


class KeypairLimitExceeded(OverQuota):
    msg_fmt = "Quota exceeded, too many key pairs."


class OnsetFileLimitExceeded(OverQuota):
    """Personality files over the injected_files quota."""
    msg_fmt = "Personality file limit exceeded"


class OnsetFilePathLimitExceeded(OnsetFileLimitExceeded):
    msg_fmt = "Personality file path exceeds maximum %(allowed)s"


class OnsetFileContentLimitExceeded(OnsetFileLimitExceeded):
    msg_fmt = "Personality file content exceeds maximum %(allowed)s"


class FlavorAccessExists(Conflict):
    msg_fmt = ("Flavor access already exists for flavor %(flavor_id)s and "
               "project %(project_id)s combination.")


class FlavorAccessNotFound(NotFound):
    msg_fmt = ("Flavor access not found for %(flavor_id)s / "
               "%(project_id)s combination.")
