use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use s2s_proxy::assets::Assets;
use s2s_proxy::cli::{
    CheckArgs, CheckFormat, Cli, Command, CommandsArgs, EXIT_USAGE, InspectArgs, PlanFormat,
    ReadArgs, ServeArgs,
};
use s2s_proxy::output;
use s2s_proxy::server::{AppState, app};

/// `eprintln!` with servers' and files' control characters made visible:
/// error messages quote them (a TLS error, a realm, a file name).
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", s2s_proxy::terminal::text(&format!($($arg)*)))
    };
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version are not errors.
            let code = if err.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = err.print();
            return exit(code);
        }
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("S2S_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    match cli.command {
        Command::Serve(args) => serve(args),
        Command::Inspect(args) => inspect(args),
        Command::Read(args) => read(args),
        Command::Check(args) => check(args),
        Command::Commands(args) => commands(args),
    }
}

fn exit(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// "Now" for validity checks: `--now`, else the system clock.
fn now_from(arg: Option<&str>) -> Result<s2s_core::time::UnixTime, String> {
    match arg {
        Some(text) => {
            s2s_core::time::UnixTime::parse_rfc3339(text).map_err(|e| format!("--now: {e}"))
        }
        None => Ok(s2s_proxy::clock::now()),
    }
}

fn inspect(args: InspectArgs) -> ExitCode {
    let now = match now_from(args.now.as_deref()) {
        Ok(n) => n,
        Err(e) => {
            say!("s2s: {e}");
            return exit(EXIT_USAGE);
        }
    };
    let bytes = match read_limited(&args.file) {
        Ok(b) => b,
        Err(e) => {
            say!("s2s: cannot read {}: {e}", args.file.display());
            return exit(EXIT_USAGE);
        }
    };
    match s2s_core::inspect::inspect(&bytes, now) {
        Ok(items) => {
            if args.json {
                let value = if items.len() == 1 {
                    serde_json::to_string_pretty(&items[0])
                } else {
                    serde_json::to_string_pretty(
                        &serde_json::json!({ "kind": "certificates", "certificates": items }),
                    )
                };
                match value {
                    Ok(text) => out_json(&format!("{text}\n")),
                    Err(e) => {
                        say!("s2s: cannot write JSON: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            } else {
                out_text(&output::inspection(&items));
            }
            exit(output::exit_code(s2s_core::inspect::worst(&items)))
        }
        Err(e) => {
            if args.json {
                out_json(&format!(
                    "{}\n",
                    serde_json::json!({ "kind": "error", "error": e.to_string() })
                ));
            }
            say!("s2s: {}: {e}", args.file.display());
            exit(2)
        }
    }
}

/// Reads at most a little over the largest input the core accepts, so a
/// mistaken path to a huge file fails fast with the core's size message.
fn read(args: ReadArgs) -> ExitCode {
    let pool_url = match args.pool.as_deref().map(s2s_proxy::check::skype_url) {
        Some(Err(e)) => {
            eprintln!("s2s: {e}");
            return exit(EXIT_USAGE);
        }
        Some(Ok(url)) => Some(url),
        None => None,
    };
    let mut texts = Vec::new();
    for path in &args.files {
        match std::fs::read(path) {
            Ok(bytes) if bytes.len() > s2s_core::testout::MAX_PASTE_BYTES => {
                say!(
                    "s2s: {} is {} bytes; command output over {} bytes is not read",
                    path.display(),
                    bytes.len(),
                    s2s_core::testout::MAX_PASTE_BYTES
                );
                return exit(EXIT_USAGE);
            }
            // Output saved from Windows PowerShell is often UTF-16.
            Ok(bytes) => texts.push(s2s_core::testout::decode_text(&bytes)),
            Err(e) => {
                say!("s2s: cannot read {}: {e}", path.display());
                return exit(EXIT_USAGE);
            }
        }
    }
    let pastes: Vec<&str> = texts.iter().map(String::as_str).collect();
    let reading = s2s_core::testout::read_all(&pastes);
    let found = s2s_core::testout::diagnose(
        &reading,
        &s2s_core::testout::Context {
            analyses: None,
            sip_domain: args.sip_domain.as_deref(),
            skype_metadata_url: pool_url.as_deref(),
        },
    );
    if args.json {
        let value = serde_json::json!({
            "command": reading.commands.first(),
            "commands": reading.commands,
            "steps": reading.steps,
            "facts": reading.facts,
            "unrecognised": reading.unrecognised,
            "findings": found,
        });
        out_json(&format!("{value:#}\n"));
    } else {
        out_text(&output::reading(&reading, &found));
    }
    if reading.unrecognised {
        return exit(EXIT_USAGE);
    }
    exit(output::exit_code(s2s_core::findings::worst(&found)))
}

fn read_limited(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let limit = s2s_core::metadata::MAX_DOCUMENT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn commands(args: CommandsArgs) -> ExitCode {
    // The certificate file is read as text: PEM and base64 are text, and
    // DER bytes become a lossy string that the decoder refuses clearly.
    let exchange_certificate = match &args.exchange_certificate {
        Some(path) => match read_limited(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                say!("s2s: cannot read {}: {e}", path.display());
                return exit(EXIT_USAGE);
            }
        },
        None => String::new(),
    };
    let raw = s2s_core::commands::RawPlanInput {
        pool: args.pool,
        exchange: args.exchange,
        exchange_servers: args.exchange_servers,
        install_path: args.install_path.unwrap_or_default(),
        test_user: args.sip_uri.unwrap_or_default(),
        storage_service: args.storage_service.unwrap_or_default(),
        identity: args.identity,
        trust_level: args.trust_level,
        realm: args.realm.unwrap_or_default(),
        trust_any_ssl: args.trust_any_ssl,
        partner_may_exist: args.partner_may_exist,
        oauth_thumbprint: args.oauth_thumbprint.unwrap_or_default(),
        oauth_effective_date: args.oauth_effective_date.unwrap_or_default(),
        oauth_current_expiry: args.oauth_current_expiry.unwrap_or_default(),
        oauth_certificate_missing: args.oauth_certificate_missing,
        exchange_certificate,
        exchange_certificate_realm: args.certificate_realm.unwrap_or_default(),
    };
    let validated = match raw.validate() {
        Ok(v) => v,
        Err(errors) => {
            for e in errors {
                say!("s2s: {e}");
            }
            return exit(EXIT_USAGE);
        }
    };
    let plan = s2s_core::commands::plan(&validated.input);
    match args.format {
        PlanFormat::Text => out_text(&output::plan(&plan, &validated.notes)),
        PlanFormat::Ps1 => out_text(&s2s_core::commands::to_ps1(&plan)),
        PlanFormat::Json => match serde_json::to_string_pretty(
            &serde_json::json!({ "plan": plan, "notes": validated.notes }),
        ) {
            Ok(text) => out_json(&format!("{text}\n")),
            Err(e) => {
                say!("s2s: cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        },
    }
    for n in &validated.notes {
        say!("s2s: note: {n}");
    }
    ExitCode::SUCCESS
}

fn check(args: CheckArgs) -> ExitCode {
    use s2s_proxy::check;
    let usage = |e: &dyn std::fmt::Display| {
        say!("s2s: {e}");
        exit(EXIT_USAGE)
    };
    let now = match now_from(args.now.as_deref()) {
        Ok(n) => n,
        Err(e) => return usage(&e),
    };
    let topology = match (|| -> Result<_, check::CheckInputError> {
        Ok(s2s_core::topology::Topology {
            skype_metadata_url: Some(check::skype_url(&args.pool)?),
            exchange_metadata_url: Some(check::exchange_url(&args.exchange)?),
            sip_domain: args.sip_domain.clone(),
            pasted_thumbprints: check::thumbprints(&args.thumbprints)?,
        })
    })() {
        Ok(t) => t,
        Err(e) => return usage(&e),
    };
    let probe_host = if args.no_probe {
        None
    } else {
        match check::probe_host(&args.exchange) {
            Ok(h) => Some(h),
            Err(e) => return usage(&e),
        }
    };
    let roots = match s2s_proxy::tls::root_store(args.ca_file.as_deref()) {
        Ok(r) => r,
        Err(e) => return usage(&e),
    };
    let mut config = s2s_proxy::fetch::FetchConfig::new(roots);
    config.total_timeout = std::time::Duration::from_secs(args.timeout);
    // The admin's own command, from their own machine: a name may resolve
    // wherever their DNS says.
    config.names_may_resolve_inward = true;
    config.resolve = match check::resolve_overrides(&args.resolve) {
        Ok(r) => r.into(),
        Err(e) => return usage(&e),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            say!("s2s: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let format = args.output_format();
    // The label only --format prometheus writes: a name given is checked,
    // one made from the pool's host always fits.
    let deployment = match &args.deployment {
        Some(name) if !s2s_proxy::deployment::valid_name(name) => {
            return usage(&format!(
                "--deployment '{name}': use 1 to 64 letters, digits, '.', '_' or '-' (it becomes a metrics label)"
            ));
        }
        Some(name) => name.clone(),
        None => s2s_proxy::deployment::name_from_host(topology.skype_host().unwrap_or_default()),
    };
    let checked = runtime.block_on(check::run_watched(
        topology,
        &config,
        now,
        probe_host.as_deref(),
    ));
    let text = match format {
        CheckFormat::Text => s2s_proxy::terminal::text(&output::check(&checked.report)),
        CheckFormat::Json => match serde_json::to_string_pretty(&checked.report) {
            Ok(text) => s2s_proxy::terminal::json(&format!("{text}\n")),
            Err(e) => {
                say!("s2s: cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        },
        CheckFormat::Prometheus => {
            match s2s_proxy::metrics::one_check(&deployment, &checked, s2s_proxy::clock::now()) {
                Ok(text) => text,
                Err(e) => {
                    say!("s2s: cannot write the metrics: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = s2s_proxy::output_file::write_atomically(path, text.as_bytes()) {
                say!("s2s: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        None => out(&text),
    }
    exit(output::exit_code(checked.report.verdict))
}

fn serve(args: ServeArgs) -> ExitCode {
    let settings = match args.settings() {
        Ok(s) => s,
        Err(e) => {
            say!("s2s: {e}");
            return exit(EXIT_USAGE);
        }
    };
    let config = settings.config.clone();
    let roots = match s2s_proxy::tls::root_store(settings.ca_file.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            say!("s2s: {e}");
            return exit(EXIT_USAGE);
        }
    };
    // Bad certificate or key files stop the start, before anything listens.
    let tls = match settings
        .tls
        .as_ref()
        .map(|files| files.server_config())
        .transpose()
    {
        Ok(t) => t,
        Err(e) => {
            say!("s2s: {e}");
            return exit(EXIT_USAGE);
        }
    };
    let loading = std::time::Instant::now();
    let assets = match Assets::load(&settings.dist) {
        Ok(a) => a,
        Err(e) => {
            say!("s2s: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Most of it is brotli at its best quality; the figure shows what start-up pays.
    tracing::info!(
        ms = loading.elapsed().as_millis(),
        "the app's files read and compressed"
    );
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            say!("s2s: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(settings.listen).await {
            Ok(l) => l,
            Err(e) => {
                say!("s2s: cannot listen on {}: {e}", settings.listen);
                return ExitCode::FAILURE;
            }
        };
        let addr = listener.local_addr().unwrap_or(settings.listen);
        let mode = config.mode;
        // The first line on stdout is the address; scripts and tests read it
        // (useful with --listen 127.0.0.1:0).
        let scheme = if tls.is_some() { "https" } else { "http" };
        println!("listening on {scheme}://{addr}/");
        if !addr.ip().is_loopback() {
            say!(
                "s2s: warning: listening on {addr}, reachable from other machines; anyone who reaches it can use the proxy for the allowed hosts"
            );
            say!("{}", config.served_names.describe());
        }
        if settings.plain_http {
            say!(
                "s2s: warning: serving plain HTTP (--plain-http): browsers must reach it only through a reverse proxy that terminates TLS"
            );
        }
        let _ = std::io::stdout().flush();
        tracing::info!(?mode, dist = %settings.dist.display(), "serving S2S Console");
        let mut fetch = s2s_proxy::fetch::FetchConfig::new(roots);
        if let Some(s) = settings.limits.connect_timeout_seconds {
            fetch.connect_timeout = std::time::Duration::from_secs(s);
        }
        if let Some(s) = settings.limits.total_timeout_seconds {
            fetch.total_timeout = std::time::Duration::from_secs(s);
        }
        if let Some(s) = settings.limits.tls_resumption_seconds {
            fetch.tls_resumption = std::time::Duration::from_secs(s);
        }
        if let Some(kib) = settings.limits.max_body_kib {
            fetch.max_body_bytes = usize::try_from(kib * 1024).unwrap_or(usize::MAX);
        }
        for host in &settings.insecure_hosts {
            say!("s2s: warning: TLS certificates of {host} are NOT verified (insecure_skip_verify)");
        }
        for warning in s2s_proxy::allowed_host::wildcard_warnings(
            &config.allowed_hosts,
            !settings.allowed_networks.is_empty(),
        ) {
            say!("{warning}");
        }
        fetch.insecure_hosts = settings.insecure_hosts.clone();
        fetch.allowed_networks = settings.allowed_networks.clone();
        let state = if mode == s2s_proxy::config::Mode::Demo {
            let now = now_from(None).map(|t| t.0).unwrap_or(0);
            match s2s_proxy::demo::Demo::start(now, &mut fetch).await {
                Ok(demo) => {
                    if let Some(scenario) = args.scenario {
                        demo.set_scenario(scenario);
                    }
                    tracing::info!(pool = %demo.pool, exchange = %demo.exchange, "demo servers for litwareinc.com started");
                    AppState::with_demo(config, assets, fetch, demo)
                }
                Err(e) => {
                    say!("s2s: {e}");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            AppState::with_fetch(config, assets, fetch)
        };
        let state = state.watching(settings.deployments.clone(), settings.watch_interval);
        if !state.watch().deployments().is_empty() {
            tracing::info!(
                deployments = state.watch().deployments().len(),
                interval_seconds = settings.watch_interval.as_secs(),
                "watching deployments for /metrics"
            );
            tokio::spawn(state.watch().clone().run());
        }
        let router = app(state);
        let limits = s2s_proxy::connections::ConnectionLimits::new(
            settings.limits.max_connections,
            settings.config.max_concurrent_fetches,
        );
        let served = match tls {
            Some(tls) => {
                s2s_proxy::connections::serve_https(listener, router, limits, tls, shutdown_signal())
                    .await
            }
            None => {
                s2s_proxy::connections::serve(listener, router, limits, shutdown_signal()).await
            }
        };
        match served {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                say!("s2s: server error: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// Writes a command's output. A reader that stops early (`s2s read … |
/// head`) is no error: the rest is dropped, as other command-line tools do
/// (`print!` would panic on the closed pipe).
fn out(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Text output, with servers' and files' control characters made visible.
fn out_text(text: &str) {
    out(&s2s_proxy::terminal::text(text));
}

/// JSON output, with the control characters JSON leaves raw escaped.
fn out_json(text: &str) {
    out(&s2s_proxy::terminal::json(text));
}
