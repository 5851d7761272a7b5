package org.caretaker.check.smart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses smartctl's plain text ({@code smartctl -a}, {@code -x}, {@code -H -A}, {@code -H -A -f brief}) from
 * smartmontools 5.37 onwards, for ATA, NVMe and SCSI disks. Used for output people paste; the check itself
 * reads JSON. Plain text carries no exit status.
 */
public final class SmartctlTextParser {
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9 ./()-]*?):\\s+(.*)$");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "^\\s*(\\d{1,3})\\s+(\\S+)\\s+(0x[0-9a-fA-F]{4}|[P-][O-][S-][R-][C-][K-])\\s+(\\d{1,3}|-+)\\s+(\\d{1,3}|-+)\\s+(\\d{1,3}|-+)"
            + "(?:\\s+(Pre-fail|Old_age)\\s+(Always|Offline))?\\s+(\\S+)\\s+(.+?)\\s*$");
    private static final Pattern RAW16 = Pattern.compile("^(\\d{1,5}) (\\d{1,5}) (\\d{1,5})$");
    private static final Pattern NUMBER = Pattern.compile("(\\d[\\d,]{0,24})");
    private static final Pattern SELF_TEST = Pattern.compile("^#\\s*1\\s+(.+?)\\s{2,}(.+?)\\s{2,}(\\d{1,3})%\\s+(\\d+)");
    private static final Pattern ERROR_COUNT = Pattern.compile("^ATA Error Count:\\s+(\\d+)");
    private static final Pattern SCSI_HOURS = Pattern.compile(
            "^(?:Accumulated power on time, hours:minutes|number of hours powered up =)\\s+(\\d{1,9})");
    private static final Pattern FAILURE = Pattern.compile(
            "^(Smartctl open device: .*failed.*|.*: Unable to detect device type|Read Device Identity failed.*"
            + "|A mandatory SMART command failed.*|Smartctl: Device Read Identity Failed.*)$");

    private SmartctlTextParser() {
    }

    public static SmartReport parse(String text) throws UnparseableOutputException {
        return UnparseableOutputException.numbersInRange("smartctl report", text, () -> parseNumbers(text));
    }

    private static SmartReport parseNumbers(String text) throws UnparseableOutputException {
        if (text == null || !looksLikeSmartctl(text)) {
            throw new UnparseableOutputException("not smartctl output", text);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<SmartAttribute> attributes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        SmartReport.Health health = SmartReport.Health.UNKNOWN;
        OptionalLong errorLog = OptionalLong.empty();
        Optional<SelfTest> selfTest = Optional.empty();
        OptionalLong scsiHours = OptionalLong.empty();
        boolean inAttributes = false;
        boolean inSelfTests = false;
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith("SMART overall-health self-assessment test result:")) {
                health = line.endsWith("PASSED") ? SmartReport.Health.PASSED : SmartReport.Health.FAILED;
                continue;
            }
            if (line.startsWith("SMART Health Status:")) {
                health = line.substring(line.indexOf(':') + 1).strip().equals("OK")
                        ? SmartReport.Health.PASSED : SmartReport.Health.FAILED;
                continue;
            }
            if (FAILURE.matcher(line).matches()) {
                messages.add(line);
                continue;
            }
            if (line.startsWith("ID#") && line.contains("ATTRIBUTE_NAME")) {
                inAttributes = true;
                continue;
            }
            if (inAttributes) {
                Matcher a = ATTRIBUTE.matcher(raw);
                if (a.matches()) {
                    attributes.add(attribute(a));
                    continue;
                }
                inAttributes = false;
            }
            if (line.startsWith("Num") && line.contains("Test_Description")) {
                inSelfTests = true;
                continue;
            }
            if (inSelfTests) {
                inSelfTests = false;
                Matcher s = SELF_TEST.matcher(line);
                if (s.find()) {
                    String status = s.group(2).strip();
                    selfTest = Optional.of(new SelfTest(s.group(1).strip(), status, SelfTest.isFailure(status),
                            Long.parseLong(s.group(4))));
                }
                continue;
            }
            Matcher e = ERROR_COUNT.matcher(line);
            if (e.find()) {
                errorLog = OptionalLong.of(Long.parseLong(e.group(1)));
                continue;
            }
            Matcher h = SCSI_HOURS.matcher(line);
            if (h.find()) {
                scsiHours = OptionalLong.of(Long.parseLong(h.group(1)));
                continue;
            }
            if (line.equals("No Errors Logged")) {
                errorLog = OptionalLong.of(0);
                continue;
            }
            Matcher f = FIELD.matcher(line);
            if (f.matches()) {
                fields.putIfAbsent(f.group(1).strip().toLowerCase(Locale.ROOT), f.group(2).strip());
            }
        }
        Optional<NvmeHealth> nvme = nvme(fields);
        OptionalLong grown = number(fields.get("elements in grown defect list"));
        String protocol = nvme.isPresent() ? "NVMe" : !attributes.isEmpty() ? "ATA"
                : grown.isPresent() || fields.containsKey("current drive temperature") ? "SCSI" : "";
        String model = first(fields.get("device model"), fields.get("model number"), scsiModel(fields));
        SmartReport report = new SmartReport("", "", protocol, model, first(fields.get("serial number")),
                first(fields.get("firmware version"), fields.get("revision")), health, OptionalInt.empty(), messages,
                attributes, nvme, grown, temperature(fields, attributes, nvme),
                powerOn(attributes, nvme).isPresent() ? powerOn(attributes, nvme) : scsiHours, errorLog, selfTest);
        if (!report.hasData() && messages.isEmpty()) {
            throw new UnparseableOutputException("no SMART health, attributes or health log in smartctl output", text);
        }
        return report;
    }

    private static boolean looksLikeSmartctl(String text) {
        return text.contains("smartctl") || text.contains("Smartctl") || text.contains("=== START OF")
                || text.contains("SMART overall-health") || text.contains("SMART Health Status")
                || text.contains("Vendor Specific SMART Attributes");
    }

    private static SmartAttribute attribute(Matcher a) {
        String rawString = a.group(10);
        String wf = a.group(9).toLowerCase(Locale.ROOT);
        SmartAttribute.WhenFailed whenFailed = wf.contains("now") ? SmartAttribute.WhenFailed.NOW
                : wf.contains("past") ? SmartAttribute.WhenFailed.PAST : SmartAttribute.WhenFailed.NEVER;
        long raw;
        Matcher words = RAW16.matcher(rawString);
        if (rawString.matches("\\d{1,15}")) {
            raw = Long.parseLong(rawString);
        } else if (words.matches()) {
            // smartctl prints a "raw16" value as its three 16-bit words, high word first.
            raw = (Long.parseLong(words.group(1)) << 32) | (Long.parseLong(words.group(2)) << 16) | Long.parseLong(words.group(3));
        } else {
            raw = number(rawString).orElse(0);
        }
        return new SmartAttribute(Integer.parseInt(a.group(1)), a.group(2), small(a.group(4)), small(a.group(5)),
                small(a.group(6)), whenFailed, raw, rawString);
    }

    private static Optional<NvmeHealth> nvme(Map<String, String> f) {
        if (!f.containsKey("critical warning")) {
            return Optional.empty();
        }
        String cw = f.get("critical warning");
        int critical;
        try {
            critical = cw.startsWith("0x") ? Integer.parseInt(cw.substring(2).strip(), 16) : Integer.parseInt(cw);
        } catch (NumberFormatException e) {
            critical = 0;
        }
        return Optional.of(new NvmeHealth(critical,
                (int) number(f.get("temperature")).orElse(0),
                (int) number(f.get("available spare")).orElse(100),
                (int) number(f.get("available spare threshold")).orElse(0),
                (int) number(f.get("percentage used")).orElse(0),
                number(f.get("media and data integrity errors")).orElse(0),
                number(f.get("error information log entries")).orElse(0),
                number(f.get("power on hours")).orElse(0),
                number(f.get("unsafe shutdowns")).orElse(0)));
    }

    private static String scsiModel(Map<String, String> f) {
        String product = first(f.get("product"));
        return product.isEmpty() ? "" : (first(f.get("vendor")) + " " + product).strip();
    }

    private static OptionalInt temperature(Map<String, String> f, List<SmartAttribute> attributes, Optional<NvmeHealth> nvme) {
        if (nvme.isPresent()) {
            return OptionalInt.of(nvme.get().temperature());
        }
        for (int id : new int[] {194, 190}) {
            for (SmartAttribute a : attributes) {
                if (a.id() == id) {
                    return OptionalInt.of((int) Math.min(Integer.MAX_VALUE, a.count()));
                }
            }
        }
        OptionalLong t = number(first(f.get("current drive temperature"), f.get("current temperature")));
        return t.isPresent() ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, t.getAsLong())) : OptionalInt.empty();
    }

    private static OptionalLong powerOn(List<SmartAttribute> attributes, Optional<NvmeHealth> nvme) {
        if (nvme.isPresent()) {
            return OptionalLong.of(nvme.get().powerOnHours());
        }
        for (SmartAttribute a : attributes) {
            if (a.id() == 9) {
                return OptionalLong.of(a.count());
            }
        }
        return OptionalLong.empty();
    }

    private static int small(String s) {
        return s.startsWith("-") ? -1 : Integer.parseInt(s);
    }

    /** The first whole number in a value such as "3,441", "32 Celsius", "100%", "0x00"; empty when none. */
    private static OptionalLong number(String s) {
        if (s == null) {
            return OptionalLong.empty();
        }
        Matcher m = NUMBER.matcher(s);
        if (!m.find()) {
            return OptionalLong.empty();
        }
        String digits = m.group(1).replace(",", "");
        return digits.length() > 18 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(digits));
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }
}
