package dev.diagnostics.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback socket that listens but never accepts, with its accept queue filled: the kernel drops further SYNs, so a
 * connect gets no answer at all, as behind a firewall that drops packets.
 */
final class BacklogFullServer implements AutoCloseable {

    private final ServerSocket server;

    private final List<Socket> fillers = new ArrayList<>();

    BacklogFullServer() throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 16; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 200);
                this.fillers.add(filler);
            }
            catch (SocketTimeoutException ex) {
                filler.close();
                return;
            }
        }
        throw new IllegalStateException("The accept queue never filled up; this kernel answers every SYN");
    }

    int port() {
        return this.server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket filler : this.fillers) {
            filler.close();
        }
        this.server.close();
    }
}
