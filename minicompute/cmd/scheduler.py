"""minicompute-scheduler: the scheduler RPC service (topic ``scheduler``)."""


def main() -> None:
    from minicompute.cmd import common
    from minicompute.scheduler import manager
    common.run_service('minicompute-scheduler', 'scheduler',
                       manager.SchedulerManager)
