package dev.diagnostics.spring.web;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.diagnostics.timing.RequestTimer;
import dev.diagnostics.timing.RequestTiming;

/**
 * Sets the timing headers once, just before the response can commit: when the body's stream or writer is asked for,
 * on a flush, an error or a redirect. Headers set after a commit would be dropped silently by the container.
 */
final class TimingHeadersResponse extends HttpServletResponseWrapper {

    private final RequestTimer timer;

    private final RequestTiming timing;

    private final boolean serverTiming;

    private volatile boolean written;

    TimingHeadersResponse(HttpServletResponse response, RequestTimer timer, RequestTiming timing,
            boolean serverTiming) {
        super(response);
        this.timer = timer;
        this.timing = timing;
        this.serverTiming = serverTiming;
    }

    void writeHeaders() {
        if (this.written) {
            return;
        }
        this.written = true;
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (response.isCommitted()) {
            return;
        }
        if (this.timer.processTimeHeader()) {
            response.setHeader(RequestTimer.PROCESS_TIME, this.timer.processTime(this.timing));
        }
        if (this.serverTiming) {
            response.setHeader(RequestTimer.SERVER_TIMING, this.timer.serverTiming(this.timing));
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        writeHeaders();
        return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        writeHeaders();
        return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        writeHeaders();
        super.flushBuffer();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        writeHeaders();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        writeHeaders();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        writeHeaders();
        super.sendRedirect(location);
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
        writeHeaders();
        super.sendRedirect(location, sc, clearBuffer);
    }

    @Override
    public void reset() {
        super.reset();
        this.written = false;
    }
}
