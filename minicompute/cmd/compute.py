"""minicompute-compute: the compute RPC service (topic ``compute``, server
``[DEFAULT] host``). It reaches the database only through the conductor."""


def main() -> None:
    from minicompute.cmd import common
    from minicompute.compute import manager
    common.run_service('minicompute-compute', 'compute',
                       manager.ComputeManager)
