//! A real SMTP server for tests and benchmarks, on its own port and its own thread: it speaks enough
//! SMTP for any client (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT), keeps what
//! it receives, and can be told to take its time over each message, like a slow server.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

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

    /// The Message-ID header, without its angle brackets.
    pub fn message_id(&self) -> String {
        self.parsed().message_id().unwrap_or_default().to_owned()
    }
}

type Inbox = Arc<Mutex<Vec<Received>>>;

/// An SMTP server running for the rest of the test process.
#[derive(Clone)]
pub struct SmtpSink {
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    inbox: Inbox,
}

impl SmtpSink {
    /// Starts a server on a free port.
    pub fn start() -> SmtpSink {
        SmtpSink::start_on(0)
    }

    /// Starts a server on `port` (0: any free port). The listener is bound before this returns, so a
    /// client may connect at once.
    pub fn start_on(port: u16) -> SmtpSink {
        SmtpSink::serve(port, Duration::ZERO)
    }

    /// Starts a server on a free port that takes `delay` over every message before accepting it (each
    /// connection waits on its own, as a real slow server's would).
    pub fn start_slow(delay: Duration) -> SmtpSink {
        SmtpSink::serve(0, delay)
    }

    fn serve(port: u16, delay: Duration) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("binding the SMTP test port");
        let port = listener.local_addr().expect("the bound address").port();
        listener.set_nonblocking(true).expect("a non-blocking listener");
        let inbox: Inbox = Arc::new(Mutex::new(Vec::new()));
        let kept = inbox.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the SMTP test server");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
                while let Ok((stream, _)) = listener.accept().await {
                    stream.set_nodelay(true).ok();
                    tokio::spawn(session(stream, kept.clone(), delay));
                }
            });
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

    /// How many messages arrived so far (cheaper than [`SmtpSink::received`]).
    pub fn count(&self) -> usize {
        self.inbox.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len()
    }

    /// The Message-ID of every message received so far, in arrival order, read straight from the raw
    /// header (fast enough for tens of thousands).
    pub fn message_ids(&self) -> Vec<String> {
        let inbox = self.inbox.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        inbox.iter().map(|m| raw_message_id(&m.raw)).collect()
    }
}

/// The value of the first `Message-ID:` header, without angle brackets; empty when there is none.
fn raw_message_id(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    for line in text.lines() {
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("message-id")
        {
            return value.trim().trim_start_matches('<').trim_end_matches('>').to_owned();
        }
    }
    String::new()
}

/// The address inside `MAIL FROM:<…>` / `RCPT TO:<…>`, parameters left out.
fn path_of(argument: &str) -> String {
    let argument = argument.trim();
    match (argument.find('<'), argument.find('>')) {
        (Some(start), Some(end)) if start < end => argument[start + 1..end].to_owned(),
        _ => argument.split_whitespace().next().unwrap_or_default().to_owned(),
    }
}

async fn session(stream: TcpStream, inbox: Inbox, delay: Duration) {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    let mut to: Vec<String> = Vec::new();
    let mut line = Vec::new();
    if writer.write_all(b"220 smtp.test ESMTP ready\r\n").await.is_err() {
        return;
    }
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = String::from_utf8_lossy(&line).trim_end().to_owned();
        let verb = command.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-smtp.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" => b"250 smtp.test\r\n",
            "MAIL" => {
                to.clear();
                b"250 2.1.0 OK\r\n"
            }
            "RCPT" => {
                to.push(path_of(command.split_once(':').map_or("", |(_, rest)| rest)));
                b"250 2.1.5 OK\r\n"
            }
            "DATA" => {
                if writer.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await.is_err() {
                    return;
                }
                let Some(raw) = read_data(&mut reader).await else { return };
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
                let message = Received { to: std::mem::take(&mut to), raw };
                inbox.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(message);
                b"250 2.0.0 queued\r\n"
            }
            "RSET" => {
                to.clear();
                b"250 2.0.0 OK\r\n"
            }
            "NOOP" => b"250 2.0.0 OK\r\n",
            "QUIT" => {
                let _ = writer.write_all(b"221 2.0.0 bye\r\n").await;
                return;
            }
            _ => b"502 5.5.2 command not recognised\r\n",
        };
        if writer.write_all(reply).await.is_err() {
            return;
        }
    }
}

/// Reads a DATA section up to the line holding a single dot, undoing dot-stuffing.
async fn read_data(reader: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<Vec<u8>> {
    let mut raw = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        if line == b".\r\n" || line == b".\n" {
            return Some(raw);
        }
        let content = if line.starts_with(b"..") { &line[1..] } else { &line[..] };
        raw.extend_from_slice(content);
    }
}
