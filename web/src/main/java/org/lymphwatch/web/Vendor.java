package org.lymphwatch.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * uPlot's two files, served from its WebJar in the jar (no CDN; works offline). A route rather than
 * a static-files directory because the WebJar has no directory entries to mount.
 */
final class Vendor {

    private static final String UPLOT_DIST = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String> UPLOT_FILES =
            Map.of(
                    "uPlot.iife.min.js", "text/javascript",
                    "uPlot.min.css", "text/css");

    private Vendor() {}

    static void uplot(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        String type = UPLOT_FILES.get(file);
        if (type == null) {
            throw new NotFoundResponse();
        }
        try (InputStream in = Vendor.class.getResourceAsStream(UPLOT_DIST + file)) {
            if (in == null) {
                throw new IllegalStateException("uPlot WebJar missing from the classpath");
            }
            ctx.contentType(type);
            ctx.result(in.readAllBytes());
        }
    }
}
