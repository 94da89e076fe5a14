"""Versioned objects; ``register_all()`` imports every object module."""


def register_all() -> None:
    __import__('minicompute.objects.compute_node')
    __import__('minicompute.objects.ec2')
    __import__('minicompute.objects.flavor')
    __import__('minicompute.objects.image_meta')
    __import__('minicompute.objects.instance')
    __import__('minicompute.objects.instance_action')
    __import__('minicompute.objects.instance_fault')
    __import__('minicompute.objects.instance_group')
    __import__('minicompute.objects.request_spec')
    __import__('minicompute.objects.selection')
    __import__('minicompute.objects.service')
