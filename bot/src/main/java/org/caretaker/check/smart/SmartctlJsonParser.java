package org.caretaker.check.smart;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.caretaker.check.UnparseableOutputException;

/**
 * Parses smartctl's JSON ({@code smartctl -j -a}, {@code -x -j}, {@code -jH}, {@code -jA}, smartmontools 7.0
 * and later) into a {@link SmartReport}, and {@code smartctl --scan -j} into devices. Pure: text in, records out.
 */
public final class SmartctlJsonParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Device types smartctl accepts after {@code -d}: {@code sat}, {@code nvme}, {@code sat+megaraid,1}, {@code areca,2/1}. */
    private static final Pattern TYPE = Pattern.compile("[a-z0-9_]{1,20}(\\+[a-z0-9_]{1,20})?(,[0-9]{1,4}(/[0-9]{1,4}){0,2})?");
    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9._:/+-]+");

    private SmartctlJsonParser() {
    }

    public static SmartReport parse(String text) throws UnparseableOutputException {
        JsonNode root = document(text);
        JsonNode sc = root.path("smartctl");
        JsonNode dev = root.path("device");
        String device = str(dev, "name");
        if (device.isEmpty()) {
            // smartctl omits "device" when it could not open it; the command line still names it.
            for (JsonNode a : sc.path("argv")) {
                if (DEVICE.matcher(a.asText()).matches()) {
                    device = a.asText();
                }
            }
        }
        List<String> messages = new ArrayList<>();
        for (JsonNode m : sc.path("messages")) {
            messages.add(m.path("string").asText());
        }
        JsonNode passed = root.path("smart_status").path("passed");
        SmartReport.Health health = passed.isBoolean()
                ? (passed.asBoolean() ? SmartReport.Health.PASSED : SmartReport.Health.FAILED)
                : SmartReport.Health.UNKNOWN;
        return new SmartReport(
                device,
                str(dev, "type"),
                str(dev, "protocol"),
                model(root),
                str(root, "serial_number"),
                first(str(root, "firmware_version"), str(root, "revision"), str(root, "scsi_revision")),
                health,
                sc.path("exit_status").canConvertToInt() ? OptionalInt.of(sc.path("exit_status").asInt()) : OptionalInt.empty(),
                messages,
                attributes(root.path("ata_smart_attributes").path("table")),
                nvme(root.path("nvme_smart_health_information_log")),
                optLong(root.path("scsi_grown_defect_list")),
                root.path("temperature").path("current").isNumber()
                        ? OptionalInt.of(root.path("temperature").path("current").asInt()) : OptionalInt.empty(),
                optLong(root.path("power_on_time").path("hours")),
                errorLog(root.path("ata_smart_error_log")),
                selfTest(root.path("ata_smart_self_test_log")));
    }

    /** Devices of {@code smartctl --scan -j}; none when the document has no devices array. */
    public static List<ScannedDevice> scan(String text) throws UnparseableOutputException {
        JsonNode root = document(text);
        List<ScannedDevice> out = new ArrayList<>();
        for (JsonNode d : root.path("devices")) {
            String name = str(d, "name");
            String type = str(d, "type");
            if (!DEVICE.matcher(name).matches() || name.contains("..") || !type.isEmpty() && !TYPE.matcher(type).matches()) {
                throw new UnparseableOutputException("smartctl --scan listed a device that is not a plain device path and type",
                        d.toString());
            }
            out.add(new ScannedDevice(name, type));
        }
        return List.copyOf(out);
    }

    private static JsonNode document(String text) throws UnparseableOutputException {
        JsonNode root;
        try {
            root = JSON.readTree(text == null ? "" : text);
        } catch (JacksonException e) {
            throw new UnparseableOutputException("not smartctl JSON (smartctl 7.0 or later is needed for -j)", text);
        }
        if (root == null || !root.isObject() || !root.has("json_format_version") && !root.has("smartctl")) {
            throw new UnparseableOutputException("not smartctl JSON (no json_format_version)", text);
        }
        return root;
    }

    private static String model(JsonNode root) {
        String scsi = (str(root, "scsi_vendor") + " " + str(root, "scsi_product")).strip();
        String vendorProduct = (str(root, "vendor") + " " + str(root, "product")).strip();
        return first(str(root, "model_name"), str(root, "scsi_model_name"), scsi, vendorProduct);
    }

    private static List<SmartAttribute> attributes(JsonNode table) {
        List<SmartAttribute> out = new ArrayList<>();
        for (JsonNode a : table) {
            if (!a.path("id").canConvertToInt()) {
                continue;
            }
            String wf = a.path("when_failed").asText("");
            SmartAttribute.WhenFailed whenFailed = switch (wf) {
                case "now" -> SmartAttribute.WhenFailed.NOW;
                case "past" -> SmartAttribute.WhenFailed.PAST;
                default -> SmartAttribute.WhenFailed.NEVER;
            };
            JsonNode raw = a.path("raw");
            out.add(new SmartAttribute(a.path("id").asInt(), a.path("name").asText(""), a.path("value").asInt(-1),
                    a.path("worst").asInt(-1), a.path("thresh").asInt(-1), whenFailed, raw.path("value").asLong(0),
                    raw.path("string").asText(raw.path("value").asText("0"))));
        }
        return List.copyOf(out);
    }

    private static Optional<NvmeHealth> nvme(JsonNode log) {
        if (!log.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new NvmeHealth(
                log.path("critical_warning").asInt(0),
                log.path("temperature").asInt(0),
                log.path("available_spare").asInt(100),
                log.path("available_spare_threshold").asInt(0),
                log.path("percentage_used").asInt(0),
                log.path("media_errors").asLong(0),
                log.path("num_err_log_entries").asLong(0),
                log.path("power_on_hours").asLong(0),
                log.path("unsafe_shutdowns").asLong(0)));
    }

    private static OptionalLong errorLog(JsonNode log) {
        for (String part : List.of("extended", "summary")) {
            if (log.path(part).path("count").canConvertToLong()) {
                return OptionalLong.of(log.path(part).path("count").asLong());
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<SelfTest> selfTest(JsonNode log) {
        for (String part : List.of("extended", "standard")) {
            JsonNode newest = log.path(part).path("table").path(0);
            if (newest.isObject()) {
                JsonNode status = newest.path("status");
                boolean failed = status.path("passed").isBoolean() ? !status.path("passed").asBoolean()
                        : SelfTest.isFailure(status.path("string").asText(""));
                return Optional.of(new SelfTest(newest.path("type").path("string").asText(""),
                        status.path("string").asText(""), failed, newest.path("lifetime_hours").asLong(-1)));
            }
        }
        return Optional.empty();
    }

    private static OptionalLong optLong(JsonNode n) {
        return n.isNumber() ? OptionalLong.of(n.asLong()) : OptionalLong.empty();
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() ? v.asText("").strip() : "";
    }

    private static String first(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }
}
