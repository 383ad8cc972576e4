vcl 4.1;
# The edge in front of the app (docs/operating.md, "A CDN in front"): it keeps what the app
# says is public for as long as its Cache-Control says, revalidates with the app's ETags,
# strips cookies for /api/, and forgets by surrogate key (the xkey module of Debian's
# varnish-modules) when the app purges after a change: only the app may purge.

import xkey;

# docker-compose.yml: Varnish → nginx (the buffering proxy) → the app.
backend front {
    .host = "nginx";
    .port = "8000";
}

# The app's container purges (EDGE_PURGER=varnish); nobody else.
acl purgers {
    "localhost";
    "app";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is for the app only."));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys in xkey-purge."));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects."));
    }
    if (req.url ~ "^/api/") {
        unset req.http.Cookie;
    }
}

sub vcl_backend_response {
    if (bereq.url ~ "^/api/") {
        unset beresp.http.Set-Cookie;
    }
    # Past its max-age an answer is kept a while longer, to be revalidated with its
    # ETag (If-None-Match: the app answers 304 without a database query).
    set beresp.keep = 1h;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
