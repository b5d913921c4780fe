package dev.ticketbooth.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body while it is read, ahead of Spring Security, so that no caller, signed
 * in or not, can make the server buffer more than the limit: a body declared larger
 * ({@code Content-Length}) is answered 413 at once, unread; a body of unknown length (chunked) is
 * cut off at the limit by its stream, which throws {@link RequestTooLargeException} (a 413 too).
 * Tomcat then reads at most {@code server.tomcat.max-swallow-size} of the rest before it closes
 * the connection. Tomcat parses form bodies itself, bounded by {@code server.tomcat.max-http-form-post-size}.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

	/** The bulk grant import (dev.ticketbooth.entitlements.EntitlementAdminController) takes larger bodies. */
	static final String IMPORT_PATH = "/api/admin/grants/import";

	private final long maxBody;

	private final long maxImport;

	RequestBodyLimitFilter(HttpProperties properties) {
		this.maxBody = properties.maxBodySize().toBytes();
		this.maxImport = properties.maxImportSize().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limitFor(request);
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			tooLarge(response, new RequestTooLargeException(limit));
			return;
		}
		if (declared >= 0) {
			chain.doFilter(request, response); // Tomcat never reads past a declared length
			return;
		}
		try {
			chain.doFilter(new LimitedRequest(request, limit), response);
		}
		catch (RequestTooLargeException ex) {
			// read by a filter, outside Spring MVC's error handling
			if (response.isCommitted()) {
				throw ex;
			}
			response.reset();
			tooLarge(response, ex);
		}
	}

	private long limitFor(HttpServletRequest request) {
		boolean bulkImport = HttpMethod.POST.matches(request.getMethod()) && IMPORT_PATH.equals(request.getServletPath())
				&& request.getPathInfo() == null;
		return bulkImport ? maxImport : maxBody;
	}

	private static void tooLarge(HttpServletResponse response, RequestTooLargeException ex) throws IOException {
		Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, RequestTooLargeException.CODE, ex.getMessage());
	}

	/** The request with its body (as stream or reader) cut off at the limit. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream body;

		private BufferedReader reader;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (body == null) {
				body = new LimitedInputStream(super.getInputStream(), limit);
			}
			return body;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			if (reader == null) {
				String encoding = getCharacterEncoding();
				Charset charset;
				try {
					charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
				}
				catch (IllegalArgumentException ex) { // as the container's own reader: an I/O error, not a 500
					throw new java.io.UnsupportedEncodingException(encoding);
				}
				reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
			}
			return reader;
		}
	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		LimitedInputStream(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			count(0);
			int b = in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			count(0);
			// never more than one byte past the limit, so a huge buffer cannot take the rest
			int n = in.read(buffer, offset, (int) Math.min(length, limit - read + 1));
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws RequestTooLargeException {
			read += n;
			if (read > limit) {
				throw new RequestTooLargeException(limit);
			}
		}

		@Override
		public int available() throws IOException {
			return in.available();
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}
	}
}
