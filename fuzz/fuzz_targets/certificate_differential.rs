//! Whatever RustCrypto's `x509-cert` decodes, the app's own DER reader must
//! decode too, with the same serial, validity and self-issued flag.
#![no_main]
use x509_cert::der::Decode;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(reference) = x509_cert::Certificate::from_der(data) else {
        return;
    };
    let tbs = &reference.tbs_certificate;
    let ours = match s2s_core::cert::decode_der(data) {
        Ok(c) => c.summary,
        Err(e) => panic!("x509-cert decodes it, ours does not: {e}"),
    };
    let serial = tbs.serial_number.as_bytes();
    let serial = match serial {
        [0, rest @ ..] if !rest.is_empty() => rest,
        s => s,
    };
    let hex: String = serial.iter().map(|b| format!("{b:02X}")).collect();
    assert_eq!(ours.serial, hex);
    let secs = |t: &x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    assert_eq!(ours.not_before.0, secs(&tbs.validity.not_before));
    assert_eq!(ours.not_after.0, secs(&tbs.validity.not_after));
    assert_eq!(ours.self_issued, tbs.subject == tbs.issuer);
});
