import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Proves that a generated set works in Java: serves TLS on an ephemeral loopback port with
 * the keystore, then connects as a client that trusts only the truststore and verifies the
 * server's name as HTTPS clients do. One line goes each way; the reply is printed.
 *
 * Usage: java TlsProbe.java KEYSTORE.p12 TRUSTSTORE TRUSTSTORE_TYPE HOST
 * The store password is read from the environment variable TLS_PROBE_PASSWORD so that it
 * does not show in the process list.
 */
public class TlsProbe {
  private static final int TIMEOUT_MS = 15_000;

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: java TlsProbe.java KEYSTORE.p12 TRUSTSTORE TYPE HOST");
      System.exit(2);
    }
    String host = args[3];
    char[] password = System.getenv("TLS_PROBE_PASSWORD").toCharArray();

    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(load(args[0], "PKCS12", password), password);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers.getKeyManagers(), null, null);

    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(load(args[1], args[2], password));
    SSLContext clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, trustManagers.getTrustManagers(), null);

    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (SSLServerSocket server = (SSLServerSocket)
        serverContext.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
      server.setSoTimeout(TIMEOUT_MS);
      AtomicReference<Exception> serverFailure = new AtomicReference<>();
      Thread serving = new Thread(() -> {
        try (Socket connection = server.accept()) {
          connection.setSoTimeout(TIMEOUT_MS);
          String line = reader(connection.getInputStream()).readLine();
          writer(connection.getOutputStream()).println("echo: " + line);
        } catch (Exception e) {
          serverFailure.set(e);
        }
      });
      serving.setDaemon(true);
      serving.start();

      // The TCP connection goes to the loopback address; the name given to the TLS layer
      // is the one checked against the certificate, as a browser would check it.
      Socket plain = new Socket(loopback, server.getLocalPort());
      plain.setSoTimeout(TIMEOUT_MS);
      try (SSLSocket client = (SSLSocket)
          clientContext.getSocketFactory().createSocket(plain, host, server.getLocalPort(), true)) {
        SSLParameters parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);
        client.startHandshake();
        writer(client.getOutputStream()).println("hello");
        System.out.println(reader(client.getInputStream()).readLine());
      }
      serving.join(TIMEOUT_MS);
      if (serverFailure.get() != null) {
        throw serverFailure.get();
      }
    }
  }

  private static KeyStore load(String path, String type, char[] password) throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = new FileInputStream(path)) {
      store.load(in, password);
    }
    return store;
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static PrintWriter writer(OutputStream out) {
    return new PrintWriter(out, true, StandardCharsets.UTF_8);
  }
}
