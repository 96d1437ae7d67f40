"""A spyne SOAP service for soapgen's interop test (soapgen/tests/spyne.rs).

The constructs WSDLs in the wild use: nested complex types, arrays, optional and
nillable fields, an enumeration, dates and date-times, a declared fault. Served twice on
loopback, as SOAP 1.1 at /soap11 and as SOAP 1.2 at /soap12 (each publishes its own WSDL
at ?wsdl). Prints `PORT <n>` once listening, then serves until stdin closes (the test
holds it open), so it never outlives the test. Each request is bounded (wsgiref serves
one at a time; a 30 s socket timeout) and only errors are logged.
"""

import datetime
import logging
import sys
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from spyne import (Application, Array, ComplexModel, Date, DateTime, Enum, Fault,
                   Integer, Boolean, Unicode, rpc, ServiceBase)
from spyne.protocol.soap import Soap11, Soap12
from spyne.server.wsgi import WsgiApplication

TNS = "urn:soapgen:interop"

Color = Enum("red", "green", "blue", type_name="Color")


class Address(ComplexModel):
    __namespace__ = TNS
    street = Unicode(min_occurs=1, nillable=False)
    city = Unicode(min_occurs=1, nillable=False)
    # Optional and nillable: absent, nil or a value.
    zip = Unicode(min_occurs=0, nillable=True)


class Person(ComplexModel):
    __namespace__ = TNS
    name = Unicode(min_occurs=1, nillable=False)
    age = Integer(min_occurs=1, nillable=False)
    birthday = Date(min_occurs=0, nillable=True)
    favourite = Color(min_occurs=0, nillable=True)
    address = Address.customize(min_occurs=0, nillable=True)
    nicknames = Array(Unicode, min_occurs=0)


class Summary(ComplexModel):
    __namespace__ = TNS
    count = Integer(min_occurs=1, nillable=False)
    oldest = Unicode(min_occurs=0, nillable=True)
    colors = Array(Color, min_occurs=0)
    when = DateTime(min_occurs=1, nillable=False)


class PersonNotFound(Fault):
    """The declared fault of find_person."""
    __namespace__ = TNS
    __type_name__ = "PersonNotFound"

    def __init__(self, name="unknown"):
        super().__init__(faultcode="Client.PersonNotFound",
                         faultstring="no person named %s" % name)


PEOPLE = [
    Person(name="Ada", age=36, birthday=datetime.date(1815, 12, 10), favourite="green",
           address=Address(street="1 St James's Square", city="London", zip=None),
           nicknames=["Enchantress of Number"]),
    Person(name="Alan", age=41, birthday=None, favourite=None, address=None, nicknames=[]),
]


class InteropService(ServiceBase):
    @rpc(Unicode(min_occurs=1, nillable=False), _returns=Unicode)
    def echo(ctx, text):
        """Returns the text as sent."""
        return text

    @rpc(Person, _returns=Person)
    def echo_person(ctx, person):
        """Returns the person as read: every field, nested and repeated, round trip."""
        return person

    @rpc(Array(Person), _returns=Summary)
    def summarize(ctx, people):
        """Counts people, names the oldest, lists the colours in order."""
        people = people or []
        oldest = max(people, key=lambda p: p.age).name if people else None
        colors = [p.favourite for p in people if p.favourite is not None]
        return Summary(count=len(people), oldest=oldest, colors=colors,
                       when=datetime.datetime(2026, 1, 31, 12, 30, 0,
                                              tzinfo=datetime.timezone.utc))

    @rpc(Unicode(min_occurs=1, nillable=False), _returns=Person, _throws=PersonNotFound)
    def find_person(ctx, name):
        """The person with that name, or the declared fault."""
        for p in PEOPLE:
            if p.name == name:
                return p
        raise PersonNotFound(name)

    @rpc(Date(min_occurs=1, nillable=False), Integer(min_occurs=1, nillable=False),
         _returns=Date)
    def add_days(ctx, day, days):
        """A date plus a number of days."""
        return day + datetime.timedelta(days=days)


def application(protocol):
    return WsgiApplication(Application([InteropService], tns=TNS, name="Interop",
                                       in_protocol=protocol(validator="lxml"),
                                       out_protocol=protocol()))


class QuietHandler(WSGIRequestHandler):
    timeout = 30

    def log_message(self, format, *args):  # only errors are logged
        pass


def main():
    logging.basicConfig(level=logging.ERROR)
    apps = {"/soap11": application(Soap11), "/soap12": application(Soap12)}

    def dispatch(environ, start_response):
        app = apps.get(environ.get("PATH_INFO", ""))
        if app is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"no service here\n"]
        return app(environ, start_response)

    server = make_server("127.0.0.1", 0, dispatch, server_class=WSGIServer,
                         handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("PORT %d" % server.server_port, flush=True)
    sys.stdin.read()  # until the test closes it (or exits)
    server.shutdown()


if __name__ == "__main__":
    main()
