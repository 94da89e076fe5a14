"""The metadata service and what it serves (Nova's nova/api/metadata):
an instance's documents (base.py), network_data.json (netdata.py), the
proxy signing contract (signing.py), the WSGI app (handler.py) and the
metadata proxy that runs next to a network's DHCP server (proxy.py)."""
