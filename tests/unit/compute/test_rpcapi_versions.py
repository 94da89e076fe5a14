"""What each compute RPC method asks of the receiving compute: the version
a method needs, and that the compute serves the client's newest one."""
from minicompute import context as mc_context
from minicompute.compute import manager
from minicompute.compute import rpcapi as compute_rpcapi


class RecordingClient:
    def __init__(self, reply=None):
        self.reply = reply
        self.prepared = {}
        self.calls = []

    def prepare(self, **kwargs):
        self.prepared = kwargs
        return self

    def can_send_version(self, version):
        return True

    def call(self, ctxt, method, **kwargs):
        self.calls.append((method, kwargs))
        return self.reply


def test_host_uptime_is_a_call_needing_1_3_on_that_host(monkeypatch):
    client = RecordingClient(reply=' 10:00:00 up 1 day')
    rpcapi = compute_rpcapi.ComputeAPI()
    rpcapi._client = client
    assert rpcapi.get_host_uptime(mc_context.get_admin_context(),
                                  'host9') == ' 10:00:00 up 1 day'
    assert client.prepared == {'server': 'host9', 'version': '1.3'}
    assert client.calls == [('get_host_uptime', {})]
    assert manager.ComputeManager.target.version == '1.3' == \
        compute_rpcapi.ComputeAPI.VERSION
