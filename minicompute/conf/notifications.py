"""[notifications] what the services tell the outside world, and how.

The transport and driver are oslo.messaging's
``[oslo_messaging_notifications]`` options (``driver = messagingv2`` to send
anything at all); these choose the format, the versioned topics and the
instance.update trigger, under Nova's names.
"""
from oslo_config import cfg

from minicompute.conf import groups

notifications_group = cfg.OptGroup(
    'notifications', title='Notifications options',
    help="""
Versioned notifications (Nova's payloads and versions, on the
``versioned_notifications`` topic) and the few legacy unversioned ones
(``scheduler.select_destinations.*`` on ``[oslo_messaging_notifications]
topics``). doc/notifications.md lists every event with a sample.
""")

notifications_opts = [
    cfg.StrOpt('notification_format',
               default='both',
               choices=[
                   ('both', 'Versioned and legacy unversioned '
                            'notifications'),
                   ('versioned', 'Only versioned notifications'),
                   ('unversioned', 'Only legacy unversioned notifications'),
                   ('none', 'No notifications at all'),
               ],
               help="""
Which notification format the services emit.

Nova defaults to ``unversioned`` because ceilometer reads its legacy
notifications; minicompute's legacy set is two scheduler events and its
versioned set is the full one, so it emits both unless told otherwise.
Nothing is sent unless ``[oslo_messaging_notifications] driver`` names a
driver (``messagingv2``).

Possible values:
* both, versioned, unversioned, none

Related options:
* versioned_notifications_topics
* [oslo_messaging_notifications] driver, topics, transport_url
"""),
    cfg.ListOpt('versioned_notifications_topics',
                default=['versioned_notifications'],
                help="""
Topics the versioned notifications are sent to; each gets every one (give a
consumer a topic of its own so it does not compete with another).

Possible values:
* a list of topic names

Related options:
* notification_format
"""),
    cfg.StrOpt('notify_on_state_change',
               choices=[
                   (None, 'No instance.update notifications'),
                   ('vm_state', 'instance.update on every instance save, '
                                'with the vm_state transition'),
                   ('vm_and_task_state', 'instance.update on every instance '
                                         'save, with the vm_state and '
                                         'task_state transitions'),
               ],
               help="""
When to send ``instance.update``: as in Nova, unset sends none, and either
value sends one on every save of an instance, whose ``state_update`` shows
the transition (only the vm_state's with ``vm_state``).

Possible values:
* unset, vm_state, vm_and_task_state

Related options:
* notification_format
"""),
]


def register_opts(conf: cfg.ConfigOpts) -> None:
    groups.register(conf, notifications_group, notifications_opts)


def list_opts():
    return {notifications_group: notifications_opts}
