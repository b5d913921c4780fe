package dev.ticketbooth.partners;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A dialect setting's value as written: a string, a whole number ({@code "maxip": 3}) or a
 * boolean, kept as its text for the dialect to check. Anything else (a fraction, a list, an
 * object) is refused, naming the setting.
 */
class SettingValues extends ValueDeserializer<String> {

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_TRUE
				|| token == JsonToken.VALUE_FALSE) {
			return parser.getString();
		}
		return (String) context.handleUnexpectedToken(String.class, parser);
	}
}
