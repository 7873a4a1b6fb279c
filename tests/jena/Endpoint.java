// A SPARQL 1.1 Protocol endpoint over Apache Jena ARQ and a TDB2 database, for the tests only
// (Debian ships Jena's jars but not Fuseki). GET ?query=, form-encoded POST and direct POST;
// the default graph is the union of the named graphs (TDB2's unionDefaultGraph).
// Usage: java -cp <jena jars> Endpoint.java PORT TDB2-FOLDER   (binds 127.0.0.1 only)

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;

public class Endpoint {
    public static void main(String[] args) throws IOException {
        Dataset dataset = TDB2Factory.connectDataset(args[1]);
        dataset.getContext().set(TDB2.symUnionDefaultGraph, true);
        HttpServer server = HttpServer.create(
            new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/sparql", exchange -> answer(exchange, dataset));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("ready");
    }

    static String param(String form, String name) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static void answer(HttpExchange exchange, Dataset dataset) throws IOException {
        try {
            String text;
            if (exchange.getRequestMethod().equals("GET")) {
                String raw = exchange.getRequestURI().getRawQuery();
                text = raw == null ? null : param(raw, "query");
            } else {
                String body = new String(exchange.getRequestBody().readAllBytes(),
                                         StandardCharsets.UTF_8);
                String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
                text = type.startsWith("application/sparql-query") ? body : param(body, "query");
            }
            if (text == null) {
                send(exchange, 400, "text/plain", "no query".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Query query = QueryFactory.create(text);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String type;
            dataset.begin(ReadWrite.READ);
            try (QueryExecution run = QueryExecutionFactory.create(query, dataset)) {
                if (query.isSelectType()) {
                    ResultSetFormatter.outputAsJSON(out, run.execSelect());
                    type = "application/sparql-results+json";
                } else if (query.isAskType()) {
                    ResultSetFormatter.outputAsJSON(out, run.execAsk());
                    type = "application/sparql-results+json";
                } else {
                    RDFDataMgr.write(out, query.isConstructType() ? run.execConstruct()
                                     : run.execDescribe(), Lang.NTRIPLES);
                    type = "application/n-triples";
                }
            } finally {
                dataset.end();
            }
            send(exchange, 200, type, out.toByteArray());
        } catch (org.apache.jena.query.QueryParseException e) {
            send(exchange, 400, "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        }
    }

    static void send(HttpExchange exchange, int status, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(body);
        }
    }
}
