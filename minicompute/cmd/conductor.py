"""minicompute-conductor: the conductor RPC service (topic ``conductor``)."""


def main() -> None:
    from minicompute.cmd import common
    from minicompute.conductor import manager
    common.run_service('minicompute-conductor', 'conductor',
                       manager.ConductorManager)
