import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Judges service-id patterns the way CAS does (RegexUtils.createPattern: Pattern.compile(p, CASE_INSENSITIVE);
 * FullRegexRegisteredServiceMatchingStrategy: matcher(url).matches()).
 * Input: one line per case, "base64(pattern) base64(url)" (url may be "-" for compile only).
 * Output: one line per case: "invalid <base64 message>", "match" or "nomatch" ("valid" without url).
 */
public class RegexOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Base64.Decoder dec = Base64.getDecoder();
        Base64.Encoder enc = Base64.getEncoder();
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) continue;
            String[] parts = line.split(" ", -1);
            String pattern = new String(dec.decode(parts[0]), StandardCharsets.UTF_8);
            Pattern compiled;
            try {
                compiled = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                out.append("invalid ").append(enc.encodeToString(e.getDescription().getBytes(StandardCharsets.UTF_8))).append('\n');
                continue;
            }
            if (parts.length < 2 || parts[1].equals("-")) {
                out.append("valid\n");
                continue;
            }
            String url = new String(dec.decode(parts[1]), StandardCharsets.UTF_8);
            out.append(compiled.matcher(url).matches() ? "match" : "nomatch").append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }
}
