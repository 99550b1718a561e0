//! A real SMTP server for tests: mailin's embedded server on its own port, keeping what it receives.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use mailin_embedded::{Handler, Response, Server, SslConfig, response};

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope recipients.
    pub to: Vec<String>,
    /// The message as transmitted.
    pub raw: Vec<u8>,
}

impl Received {
    /// The parsed message (headers decoded).
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default().parse(&self.raw).expect("a parseable message")
    }

    /// The decoded subject.
    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    /// The decoded plain-text part.
    pub fn text(&self) -> String {
        self.parsed().body_text(0).map(std::borrow::Cow::into_owned).unwrap_or_default()
    }

    /// The decoded HTML part.
    pub fn html(&self) -> String {
        self.parsed().body_html(0).map(std::borrow::Cow::into_owned).unwrap_or_default()
    }

    /// The Message-ID header.
    pub fn message_id(&self) -> String {
        self.parsed().message_id().unwrap_or_default().to_owned()
    }
}

#[derive(Clone)]
struct Keep {
    inbox: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Keep {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let message = Received { to: std::mem::take(&mut self.to), raw: std::mem::take(&mut self.data) };
        self.inbox.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(message);
        response::OK
    }
}

/// An SMTP server running for the rest of the test process.
#[derive(Clone)]
pub struct SmtpSink {
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
}

impl SmtpSink {
    /// Starts a server on a free port.
    pub fn start() -> SmtpSink {
        SmtpSink::start_on(0)
    }

    /// Starts a server on `port` (0: any free port). The listener is bound before this returns, so a
    /// client may connect at once.
    pub fn start_on(port: u16) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("binding the SMTP test port");
        let port = listener.local_addr().expect("the bound address").port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let handler = Keep { inbox: inbox.clone(), to: Vec::new(), data: Vec::new() };
        std::thread::spawn(move || {
            let mut server = Server::new(handler);
            server.with_name("smtp.test").with_num_threads(4).with_tcp_listener(listener);
            let _ = server.with_ssl(SslConfig::None);
            let _ = server.serve();
        });
        SmtpSink { port, inbox }
    }

    /// A port nothing listens on (for "the mail server is down").
    pub fn unused_port() -> u16 {
        TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<Received> {
        self.inbox.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}
