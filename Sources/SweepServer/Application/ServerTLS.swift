import Foundation
import NIOSSL
import SweepCore

/// The certificate chain and private key `sweep serve` answers HTTPS with.
///
/// Read and checked before the server binds: a missing, unreadable or empty file, a file that holds
/// no PEM certificate or key, an encrypted key, or a key that does not belong to the certificate is
/// a startup error naming the file, the option it came from and what is wrong.
public struct ServerTLS: Sendable {
    /// What HummingbirdTLS serves with.
    public var configuration: TLSConfiguration
    public var certificateFile: String
    public var keyFile: String
    /// When the server's own certificate (the first in the chain file) expires.
    public var notValidAfter: Date

    /// - Parameters:
    ///   - certificateFile: PEM certificates, the server's own first, then any intermediates.
    ///   - keyFile: the server certificate's private key, PEM, unencrypted.
    ///   - certificateLabel, keyLabel: where each path came from (`--tls-cert`, `SWEEP_TLS_CERT` …), for errors.
    public static func load(certificateFile: String, keyFile: String,
                            certificateLabel: String = "--tls-cert", keyLabel: String = "--tls-key") throws -> ServerTLS {
        let certificateBytes = try read(certificateFile, label: certificateLabel)
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(certificateBytes)
        } catch {
            chain = []
        }
        guard let leaf = chain.first else {
            throw SweepError.invalid(field: certificateLabel, reason: "\(certificateFile) holds no PEM certificate: expected "
                                     + "-----BEGIN CERTIFICATE----- blocks, the server's certificate first, then any intermediates")
        }

        let keyBytes = try read(keyFile, label: keyLabel)
        if String(decoding: keyBytes, as: UTF8.self).contains("ENCRYPTED") {
            throw SweepError.invalid(field: keyLabel, reason: "\(keyFile) is an encrypted private key; Sweep reads only unencrypted keys "
                                     + "(`openssl pkey -in \(keyFile) -out key.pem` asks for the passphrase once; keep key.pem readable by the service only)")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(bytes: keyBytes, format: .pem)
        } catch {
            throw SweepError.invalid(field: keyLabel, reason: "\(keyFile) holds no PEM private key: expected -----BEGIN PRIVATE KEY----- "
                                     + "(or EC PRIVATE KEY, RSA PRIVATE KEY)")
        }

        let configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(key))
        // The context is what the server builds when it binds; building it now turns a key that does
        // not match the certificate into a startup error instead of a failed handshake per connection.
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw SweepError.invalid(field: keyLabel, reason: "the private key in \(keyFile) cannot be used with the certificate in "
                                     + "\(certificateFile) — most likely it is not that certificate's key (\(error))")
        }
        return ServerTLS(configuration: configuration, certificateFile: certificateFile, keyFile: keyFile,
                         notValidAfter: Date(timeIntervalSince1970: TimeInterval(leaf.notValidAfter)))
    }

    /// The file's bytes, or an error saying why they cannot be had.
    static func read(_ path: String, label: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SweepError.invalid(field: label, reason: "\(path) does not exist")
        }
        guard !isDirectory.boolValue else {
            throw SweepError.invalid(field: label, reason: "\(path) is a folder, not a PEM file")
        }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            throw SweepError.invalid(field: label, reason: "\(path) cannot be read by this user (check its permissions)")
        }
        guard !data.isEmpty else {
            throw SweepError.invalid(field: label, reason: "\(path) is empty")
        }
        return [UInt8](data)
    }
}
