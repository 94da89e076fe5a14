#!/bin/bash
#
# devstack/plugin.sh: the minicompute devstack plugin.
#
# devstack calls this file as "plugin.sh MODE [PHASE]" at each stage of
# stack.sh, unstack.sh and clean.sh, after sourcing devstack/settings:
#
#   stack pre-install   refuse to run next to Nova's own services
#   stack install       libvirt and QEMU packages, then minicompute itself
#   stack post-config   /etc/minicompute/minicompute.conf, keystone service
#                       user, "compute" service and endpoint, database
#   stack extra         schema, flavors, an image, then the daemons
#   unstack             stop the daemons
#   clean               remove minicompute's guests, state and config
#
# A node that enables only minicompute-cpu (a multi-node compute) gets the
# config file and the compute daemon, and nothing that touches keystone or
# the database.

# Save trace setting
_XTRACE_MINICOMPUTE=$(set +o | grep xtrace)
set -o xtrace

# Namespace of the <metadata> element minicompute writes into the domains
# it defines; "clean" removes only domains that carry it.
MINICOMPUTE_DOMAIN_XMLNS=http://minicompute.dev/xmlns/instance/1.0

MINICOMPUTE_BIN_DIR=$(get_python_exec_prefix)

# Functions
# ---------

# _minicompute_api_or_db_enabled - true on the control node: a service that
# opens the database (api, metadata, conductor, scheduler) runs here.
function _minicompute_api_or_db_enabled {
    is_service_enabled minicompute-api minicompute-meta minicompute-cond minicompute-sch
}

# check_minicompute_conflicts - minicompute takes Nova's port, its RPC
# topics and the "compute" entry of the service catalog: Nova must be off.
function check_minicompute_conflicts {
    local nova_services="n-api n-api-meta n-cond n-sch n-cpu n-novnc n-spice n-sproxy"
    local svc
    for svc in $nova_services; do
        if is_service_enabled "$svc"; then
            die $LINENO "minicompute replaces Nova: add 'disable_service $nova_services' to local.conf ($svc is enabled)"
        fi
    done
    if is_service_enabled g-api; then
        # Not fatal: Glance can run, but minicompute boots only images from
        # its own registry, so Glance image ids mean nothing to it.
        echo "WARNING: g-api is enabled; minicompute does not use Glance. Register images with minicompute-manage image create."
    fi
}

# install_minicompute_libvirt - libvirtd, QEMU and the headers that
# libvirt-python compiles against.
function install_minicompute_libvirt {
    if ! is_service_enabled minicompute-cpu; then
        # libvirt-python is still a requirement of the package.
        if is_ubuntu; then
            install_package libvirt-dev pkg-config
        else
            install_package libvirt-devel pkgconf-pkg-config
        fi
        return
    fi
    if [[ $(type -t install_libvirt) != function && \
          -f $TOP_DIR/lib/nova_plugins/functions-libvirt ]]; then
        source "$TOP_DIR/lib/nova_plugins/functions-libvirt"
    fi
    if [[ $(type -t install_libvirt) == function ]]; then
        install_libvirt
    fi
    # Whatever install_libvirt covered, make sure of the pieces minicompute
    # uses directly (qemu-img for overlays, virsh for "clean").
    if is_ubuntu; then
        install_package libvirt-daemon-system libvirt-clients libvirt-dev \
            qemu-system-x86 qemu-utils pkg-config
    else
        install_package libvirt libvirt-devel qemu-kvm qemu-img \
            pkgconf-pkg-config
    fi
}

# install_minicompute - the package, editable, from the plugin checkout.
function install_minicompute {
    install_minicompute_libvirt
    setup_develop "$MINICOMPUTE_DIR"
}

# _minicompute_virt_type - [libvirt] virt_type: kvm or qemu (TCG).
function _minicompute_virt_type {
    case $MINICOMPUTE_VIRT_TYPE in
        kvm)
            if [[ ! -e /dev/kvm ]]; then
                echo "WARNING: /dev/kvm is missing; using virt_type = qemu" >&2
                echo qemu
            else
                echo kvm
            fi
            ;;
        qemu)
            echo qemu
            ;;
        *)
            die $LINENO "minicompute supports virt_type kvm or qemu, not '$MINICOMPUTE_VIRT_TYPE'"
            ;;
    esac
}

# _minicompute_transport_url - devstack's RabbitMQ. The daemons talk over a
# real broker; fake:// only works inside one process (minicompute-all).
function _minicompute_transport_url {
    local url=""
    if [[ $(type -t get_transport_url) == function ]]; then
        url=$(get_transport_url)
    elif [[ -n ${RABBIT_HOST:-} ]]; then
        url="rabbit://${RABBIT_USERID:-stackrabbit}:${RABBIT_PASSWORD}@${RABBIT_HOST}:5672/"
    fi
    if [[ -z $url ]]; then
        die $LINENO "minicompute needs RabbitMQ: enable the rabbit service or set RABBIT_HOST"
    fi
    echo "$url"
}

# _minicompute_db_url - devstack's MySQL/MariaDB or PostgreSQL, else SQLite
# under state_path (fine for a single node only).
function _minicompute_db_url {
    if [[ -n ${DATABASE_TYPE:-} && \
          $(type -t database_connection_url) == function ]]; then
        database_connection_url minicompute
    else
        echo "sqlite:///$MINICOMPUTE_STATE_PATH/minicompute.sqlite"
    fi
}

# configure_minicompute - write minicompute.conf and let STACK_USER drive
# the system libvirtd.
function configure_minicompute {
    local transport_url virt_type db_url
    # Resolved first, outside iniset's arguments, so that a die in them
    # stops stack.sh instead of writing an empty value.
    transport_url=$(_minicompute_transport_url)
    virt_type=$(_minicompute_virt_type)
    db_url=$(_minicompute_db_url)

    sudo install -d -o "$STACK_USER" -m 0755 "$MINICOMPUTE_CONF_DIR"
    sudo install -d -o "$STACK_USER" -m 0755 "$MINICOMPUTE_STATE_PATH"
    # The repository's copy is a symlink into the package: copy the file so
    # that it can be edited here.
    cp -L "$MINICOMPUTE_DIR/etc/minicompute/api-paste.ini" \
        "$MINICOMPUTE_CONF_DIR/api-paste.ini"
    if [[ -f $MINICOMPUTE_DIR/etc/minicompute/policy.yaml.sample ]]; then
        cp "$MINICOMPUTE_DIR/etc/minicompute/policy.yaml.sample" \
            "$MINICOMPUTE_CONF_DIR/policy.yaml.sample"
    fi

    rm -f "$MINICOMPUTE_CONF"
    touch "$MINICOMPUTE_CONF"
    iniset "$MINICOMPUTE_CONF" DEFAULT debug "$ENABLE_DEBUG_LOG_LEVEL"
    iniset "$MINICOMPUTE_CONF" DEFAULT state_path "$MINICOMPUTE_STATE_PATH"
    iniset "$MINICOMPUTE_CONF" DEFAULT my_ip "$HOST_IP"
    iniset "$MINICOMPUTE_CONF" DEFAULT transport_url "$transport_url"
    iniset "$MINICOMPUTE_CONF" DEFAULT osapi_compute_listen "$MINICOMPUTE_LISTEN_ADDRESS"
    iniset "$MINICOMPUTE_CONF" DEFAULT osapi_compute_listen_port "$MINICOMPUTE_SERVICE_PORT"
    iniset "$MINICOMPUTE_CONF" metadata metadata_listen "$MINICOMPUTE_LISTEN_ADDRESS"
    iniset "$MINICOMPUTE_CONF" metadata metadata_listen_port "$MINICOMPUTE_METADATA_PORT"
    iniset "$MINICOMPUTE_CONF" metadata metadata_proxy_shared_secret "$MINICOMPUTE_METADATA_SECRET"
    iniset "$MINICOMPUTE_CONF" api api_paste_config "$MINICOMPUTE_CONF_DIR/api-paste.ini"
    iniset "$MINICOMPUTE_CONF" api auth_strategy "$MINICOMPUTE_AUTH_STRATEGY"
    iniset "$MINICOMPUTE_CONF" libvirt connection_uri "$MINICOMPUTE_LIBVIRT_URI"
    iniset "$MINICOMPUTE_CONF" libvirt virt_type "$virt_type"
    # A compute-only node never opens the database; leave it unset there.
    if _minicompute_api_or_db_enabled; then
        iniset "$MINICOMPUTE_CONF" database connection "$db_url"
    fi

    if [[ $MINICOMPUTE_AUTH_STRATEGY == keystone ]]; then
        if [[ $(type -t configure_keystone_authtoken_middleware) == function ]]; then
            configure_keystone_authtoken_middleware "$MINICOMPUTE_CONF" minicompute
        else
            configure_auth_token_middleware "$MINICOMPUTE_CONF" minicompute \
                "$MINICOMPUTE_STATE_PATH/authtoken"
        fi
    fi
    if [[ $(type -t setup_logging) == function ]]; then
        setup_logging "$MINICOMPUTE_CONF"
    fi

    if is_service_enabled minicompute-cpu; then
        # run_process starts minicompute-cpu with this group, which grants
        # access to qemu:///system.
        if ! getent group "$MINICOMPUTE_LIBVIRT_GROUP" >/dev/null; then
            sudo groupadd --system "$MINICOMPUTE_LIBVIRT_GROUP"
        fi
        add_user_to_group "$STACK_USER" "$MINICOMPUTE_LIBVIRT_GROUP"
        # virtlogd first: libvirtd hands it the guests' console logs, and
        # starting a domain fails without it.
        start_service virtlogd || true
        start_service "${LIBVIRT_DAEMON:-libvirtd}"
    fi
}

# create_minicompute_accounts - the service user for keystonemiddleware and
# the "compute" catalog entry the clients look up.
function create_minicompute_accounts {
    if ! is_service_enabled keystone || \
            ! is_service_enabled minicompute-api; then
        return
    fi
    create_service_user minicompute admin
    get_or_create_service minicompute compute "minicompute Compute Service"
    get_or_create_endpoint compute "$REGION_NAME" \
        "$MINICOMPUTE_SERVICE_PROTOCOL://$MINICOMPUTE_SERVICE_HOST:$MINICOMPUTE_SERVICE_PORT/v2.1"
}

# _minicompute_manage ARGS... - minicompute-manage against our config.
function _minicompute_manage {
    "$MINICOMPUTE_BIN_DIR/minicompute-manage" --config-file "$MINICOMPUTE_CONF" "$@"
}

# create_minicompute_db - an empty database; "stack extra" adds the schema.
function create_minicompute_db {
    if _minicompute_api_or_db_enabled && [[ -n ${DATABASE_TYPE:-} ]]; then
        recreate_database minicompute
    fi
}

# seed_minicompute_flavors - MINICOMPUTE_FLAVORS, skipping ids that exist.
function seed_minicompute_flavors {
    local existing entry flavorid name ram vcpus disk
    existing=$(_minicompute_manage flavor list | awk 'NR > 1 {print $1}')
    for entry in $MINICOMPUTE_FLAVORS; do
        IFS=: read -r flavorid name ram vcpus disk <<< "$entry"
        if grep -qx -- "$flavorid" <<< "$existing"; then
            continue
        fi
        _minicompute_manage flavor create "$name" --id "$flavorid" \
            --ram "$ram" --vcpus "$vcpus" --disk "$disk"
    done
}

# register_minicompute_image - download MINICOMPUTE_IMAGE_URL once into
# $FILES and register it, unless an image of that name exists.
function register_minicompute_image {
    local image_file
    [[ -n $MINICOMPUTE_IMAGE_URL ]] || return 0
    if _minicompute_manage image list | awk 'NR > 1 {print $2}' | \
            grep -qx -- "$MINICOMPUTE_IMAGE_NAME"; then
        return 0
    fi
    if [[ $(type -t get_extra_file) == function ]]; then
        image_file=$(get_extra_file "$MINICOMPUTE_IMAGE_URL")
    else
        image_file=$FILES/$(basename "$MINICOMPUTE_IMAGE_URL")
        if [[ ! -f $image_file ]]; then
            curl -fsSL --retry 3 -o "$image_file" "$MINICOMPUTE_IMAGE_URL" || \
                die $LINENO "could not download $MINICOMPUTE_IMAGE_URL"
        fi
    fi
    _minicompute_manage image create "$MINICOMPUTE_IMAGE_NAME" \
        --file "$image_file" --disk-format "$MINICOMPUTE_IMAGE_FORMAT" \
        --container-format bare
}

# init_minicompute - schema, flavors and an image (control node only).
function init_minicompute {
    if ! _minicompute_api_or_db_enabled; then
        return
    fi
    _minicompute_manage db sync
    if is_service_enabled minicompute-api; then
        seed_minicompute_flavors
        register_minicompute_image
    fi
}

# start_minicompute - the daemons, conductor first: computes register their
# service record and host through it.
function start_minicompute {
    local bin=$MINICOMPUTE_BIN_DIR conf=$MINICOMPUTE_CONF
    run_process minicompute-cond "$bin/minicompute-conductor --config-file $conf"
    run_process minicompute-sch "$bin/minicompute-scheduler --config-file $conf"
    run_process minicompute-api "$bin/minicompute-api --config-file $conf"
    run_process minicompute-meta "$bin/minicompute-metadata --config-file $conf"
    run_process minicompute-cpu "$bin/minicompute-compute --config-file $conf" \
        "$MINICOMPUTE_LIBVIRT_GROUP"

    if is_service_enabled minicompute-api; then
        local url="$MINICOMPUTE_SERVICE_PROTOCOL://$MINICOMPUTE_SERVICE_HOST:$MINICOMPUTE_SERVICE_PORT/"
        if ! wait_for_service "$SERVICE_TIMEOUT" "$url"; then
            die $LINENO "minicompute-api did not start at $url"
        fi
    fi
}

# stop_minicompute - every daemon devstack started for us.
function stop_minicompute {
    local svc
    for svc in minicompute-api minicompute-meta minicompute-cpu minicompute-sch minicompute-cond; do
        stop_process "$svc"
    done
}

# cleanup_minicompute_domains - destroy and undefine the libvirt domains
# minicompute defined (only those carrying its metadata namespace).
function cleanup_minicompute_domains {
    local virsh="sudo virsh -c $MINICOMPUTE_LIBVIRT_URI" domain
    command -v virsh >/dev/null 2>&1 || return 0
    for domain in $($virsh list --all --name 2>/dev/null); do
        if $virsh metadata "$domain" --uri "$MINICOMPUTE_DOMAIN_XMLNS" \
                >/dev/null 2>&1; then
            $virsh destroy "$domain" >/dev/null 2>&1 || true
            $virsh undefine "$domain" >/dev/null 2>&1 || true
        fi
    done
}

# cleanup_minicompute - guests, state (images, disks, SQLite) and config.
function cleanup_minicompute {
    cleanup_minicompute_domains
    sudo rm -rf "$MINICOMPUTE_STATE_PATH" "$MINICOMPUTE_CONF_DIR"
}

# Dispatcher
# ----------

if is_service_enabled minicompute-api minicompute-meta minicompute-cond minicompute-sch minicompute-cpu; then
    if [[ $1 == stack && $2 == pre-install ]]; then
        check_minicompute_conflicts

    elif [[ $1 == stack && $2 == install ]]; then
        echo_summary "Installing minicompute"
        install_minicompute

    elif [[ $1 == stack && $2 == post-config ]]; then
        echo_summary "Configuring minicompute"
        configure_minicompute
        create_minicompute_accounts
        create_minicompute_db

    elif [[ $1 == stack && $2 == extra ]]; then
        echo_summary "Initializing and starting minicompute"
        init_minicompute
        start_minicompute
    fi

    if [[ $1 == unstack ]]; then
        stop_minicompute
    fi

    if [[ $1 == clean ]]; then
        cleanup_minicompute
    fi
fi

# Restore xtrace
$_XTRACE_MINICOMPUTE

# Tell emacs to use shell-script-mode
## Local variables:
## mode: shell-script
## End:
