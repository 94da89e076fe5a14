"""Versioned notifications, as Nova sends them.

``objects/`` holds the notification and payload classes (Nova's names,
fields and versions, serialised with Nova's ``nova_object.*`` keys so that
a consumer of Nova's notifications reads these unchanged); ``send.py`` the
functions the services call at each event. doc/notifications.md lists the
events, with a sample of each in doc/notification_samples/.
"""
