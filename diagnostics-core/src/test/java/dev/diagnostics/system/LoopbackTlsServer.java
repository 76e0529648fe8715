package dev.diagnostics.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A TLS server on 127.0.0.1 that presents the given chain, completes handshakes and closes each connection. */
final class LoopbackTlsServer implements AutoCloseable {

    private final SSLServerSocket server;

    LoopbackTlsServer(TestCertificates certificates, List<X509Certificate> chain) throws Exception {
        KeyStore store = certificates.keyStore(chain);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, TestCertificates.PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        this.server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::serve, "loopback-tls-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return this.server.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + port();
    }

    private void serve() {
        while (!this.server.isClosed()) {
            try (Socket socket = this.server.accept()) {
                socket.setSoTimeout(5_000);
                ((SSLSocket) socket).startHandshake();
            }
            catch (IOException ex) {
                // The client closes right after the handshake, or the server is closing.
            }
        }
    }

    @Override
    public void close() throws IOException {
        this.server.close();
    }
}
