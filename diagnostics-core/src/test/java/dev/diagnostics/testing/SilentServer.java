package dev.diagnostics.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback socket that accepts connections and never answers: a database behind a black-holing firewall. */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket server;

    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private final Thread acceptor;

    public SilentServer() throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(() -> {
            while (!this.server.isClosed()) {
                try {
                    this.accepted.add(this.server.accept());
                }
                catch (IOException ex) {
                    return;
                }
            }
        }, "silent-server");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public int port() {
        return this.server.getLocalPort();
    }

    public int acceptedConnections() {
        return this.accepted.size();
    }

    @Override
    public void close() throws IOException {
        this.server.close();
        for (Socket socket : this.accepted) {
            socket.close();
        }
    }
}
