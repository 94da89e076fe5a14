"""Instance task_state values used by minicompute, as Nova defines them."""
SCHEDULING = 'scheduling'
BLOCK_DEVICE_MAPPING = 'block_device_mapping'
NETWORKING = 'networking'
SPAWNING = 'spawning'
DELETING = 'deleting'

# Lifecycle actions (compute/actions.py).
REBOOTING = 'rebooting'
REBOOT_PENDING = 'reboot_pending'
REBOOT_STARTED = 'reboot_started'
REBOOTING_HARD = 'rebooting_hard'
REBOOT_PENDING_HARD = 'reboot_pending_hard'
REBOOT_STARTED_HARD = 'reboot_started_hard'
POWERING_OFF = 'powering-off'
POWERING_ON = 'powering-on'
PAUSING = 'pausing'
UNPAUSING = 'unpausing'
SUSPENDING = 'suspending'
RESUMING = 'resuming'
REBUILDING = 'rebuilding'
REBUILD_BLOCK_DEVICE_MAPPING = 'rebuild_block_device_mapping'
REBUILD_SPAWNING = 'rebuild_spawning'

# The task states a soft reboot may be requested in, and those a hard
# reboot may override (Nova's reboot rules).
SOFT_REBOOT_TASK_STATES = (None,)
HARD_REBOOT_TASK_STATES = (None, REBOOTING, REBOOT_PENDING, REBOOT_STARTED,
                           REBOOTING_HARD, RESUMING, UNPAUSING, PAUSING,
                           SUSPENDING)
